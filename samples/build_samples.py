#!/usr/bin/env python3
"""Regenerate the neardup sample corpus.

Writes, next to this script:
  crawl.jsonl               one JSON object per line (id, url, source, date, title, text)
  expected_clusters.tsv     id <TAB> cluster <TAB> case
  texts/wire/*.txt, texts/sites/*.txt, texts_expected_clusters.tsv

Everything here is FICTIONAL: the countries (Valdoria, Estmark), cities,
people, companies, wire services and web sites are invented, and all the
prose was written for this corpus. Web addresses use the reserved
".example" top-level domain.

The output is deterministic: no randomness, no clock, fixed ordering.
Run:  python3 samples/build_samples.py          (regenerate)
      python3 samples/build_samples.py --check  (validate + overlap numbers)
"""

import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------
# Sites. Each site has ONE fixed boilerplate block (header + footer together,
# 30-60 words) that it puts on every page it publishes. The two wire feeds
# carry no site boilerplate: a wire item is just the story.
# ---------------------------------------------------------------------------

SITES = {
    "meridianpress": {
        "name": "Meridian Press",
        "host": "wire.meridianpress.example",
        "header": "",
        "footer": "",
    },
    "cna": {
        "name": "Continental News Agency",
        "host": "feeds.cna-wire.example",
        "header": "",
        "footer": "",
    },
    "harbordaily": {
        "name": "Harbor Daily",
        "host": "www.harbordaily.example",
        "header": "HARBOR DAILY | News for the Alder coast since 1921",
        "footer": (
            "Subscribe to the Harbor Daily newsletter for the day's top stories, "
            "delivered at 7 a.m. Have a news tip? Email tips@harbordaily.example. "
            "We use cookies to improve your experience; by continuing to browse "
            "you agree to our cookie policy."
        ),
    },
    "valleyledger": {
        "name": "The Valley Ledger",
        "host": "valleyledger.example",
        "header": "This site uses cookies. Accept all | Manage preferences",
        "footer": (
            "The Valley Ledger is an independent newspaper serving the Saal and "
            "Alder valleys. Support local journalism: subscribe from 3 marks a "
            "month. Comments are moderated and may take up to 24 hours to appear."
        ),
    },
    "northgatetimes": {
        "name": "Northgate Times",
        "host": "www.northgatetimes.example",
        "header": "Northgate Times | Home > News > World",
        "footer": (
            "Related: Weather warnings for the week ahead | Northgate council "
            "budget explained | Letters to the editor. Sign up for Northgate Times "
            "breaking news alerts. Copyright Northgate Times Ltd. All rights "
            "reserved. Privacy | Terms | Contact us"
        ),
    },
    "coastalherald": {
        "name": "Coastal Herald",
        "host": "coastalherald.example",
        "header": "",
        "footer": (
            "Got a story? Call the Coastal Herald newsroom on 0400 555 0199. Read "
            "the print edition every Tuesday and Friday, available at all good "
            "newsagents. Sign up to our free weekly newsletter. We value your "
            "privacy: see our cookie notice for details."
        ),
    },
    "cityexpress": {
        "name": "City Express",
        "host": "www.cityexpress.example",
        "header": "CITY EXPRESS | Breaking | Live | Sport | Business | Opinion | Advertise with us",
        "footer": (
            "Share this article: Facebook | Email | Copy link. You have 3 free "
            "articles remaining this month. Subscribe to City Express for "
            "unlimited access. Cookies help us deliver our services."
        ),
    },
    "dailyrelay": {
        "name": "The Daily Relay",
        "host": "dailyrelay.example",
        "header": "",
        "footer": (
            "Source: wire services. The Daily Relay aggregates headlines from "
            "trusted news agencies around the clock. Views expressed are those of "
            "the original authors. Report an error | Advertise | About The Daily "
            "Relay | Cookie settings"
        ),
    },
    "trendnewsflash": {
        "name": "TrendNewsFlash24",
        "host": "trendnewsflash24.example",
        "header": "TRENDING NOW!!! Click here to read the stories everyone is talking about",
        "footer": (
            "Like this post? SHARE it with your friends and family! Subscribe for "
            "MORE viral news updates every hour. Disclaimer: content is aggregated "
            "from various sources for informational purposes only. Accept cookies "
            "to continue."
        ),
    },
}

# ---------------------------------------------------------------------------
# Base wire stories (paragraph lists).
# ---------------------------------------------------------------------------

# Story A: Meridian Press, port strike in Port Alder, Valdoria. Sat 14 March 2026.
STORY_A = [
    "PORT ALDER, Valdoria (Meridian Press) - Roughly 14,000 dockworkers walked off "
    "the job at Port Alder on Saturday, halting container traffic at Valdoria's "
    "busiest harbour after overnight talks over pay and automation broke down, "
    "union leaders said.",

    "The United Harbour Workers' Federation (UHWF) said the strike would last at "
    "least 72 hours and could be extended if the port authority did not withdraw "
    "plans to install automated cranes at two of its five terminals. Picket lines "
    "formed before dawn at the main gates on Quayside Road, and by mid-morning no "
    "vessels were being loaded or unloaded.",

    "\"Our members have waited three years for a fair offer, and what they got "
    "instead was a timetable for replacing them with machines,\" federation "
    "president Ilse Marrow told reporters outside Terminal 3. \"We did not want "
    "this strike, but we will not be bargained out of our own jobs.\"",

    "The Port Alder Harbour Authority said in a statement that it regretted the "
    "union's decision and remained \"ready to return to the table at any hour\". "
    "It said its final offer included a 6.5 percent wage increase over two years "
    "and a guarantee that no permanent employee would be laid off as a result of "
    "automation before 2030.",

    "According to harbour data, 41 cargo ships were anchored offshore by Saturday "
    "afternoon, and shipping agents warned the queue could pass 100 vessels by "
    "midweek, with thousands of containers stuck on the quays. The port handles "
    "about 60 percent of Valdoria's container imports, including most of its fuel "
    "additives, medicines and spare parts.",

    "Labour Minister Teodor Vasek said the government was \"deeply concerned\" and "
    "had asked both sides to attend mediation at the ministry on Monday. He "
    "declined to say whether the cabinet would consider emergency legislation to "
    "order workers back, a step last taken during a 2011 stoppage.",

    "Business groups urged a quick settlement. The Valdorian Chamber of Commerce "
    "estimated that each day of disruption would cost the economy around 38 "
    "million crowns in delayed shipments and idle trucks, with exporters of timber "
    "and frozen fish among the hardest hit.",

    "Truck drivers waiting outside the port said they had received no warning. "
    "\"I have a refrigerated load of mackerel that needs to be in Kessbruck by "
    "tonight,\" said driver Anton Feld, 46, who had been queuing since 4 a.m. "
    "\"Nobody can tell me when the gate will open.\"",

    "The dispute centres on a 1.2 billion crown modernisation programme announced "
    "by the authority last year, which would introduce remote-controlled cranes "
    "and self-driving straddle carriers at terminals 4 and 5. The union says the "
    "plan could eliminate up to 2,300 jobs over a decade; the authority puts the "
    "figure at fewer than 900.",

    "Smaller strikes have hit Valdorian ports twice in the past 18 months, but "
    "Saturday's walkout is the first to shut down Port Alder completely since "
    "2011, when a nine-day stoppage led to shortages of cooking gas in the "
    "capital.",

    "(Reporting by Jonas Brekke; Editing by Maren Osk)",
]

# Story A as article-spinner output (synonym swaps, some of them awkward).
STORY_A_SPUN = [
    "Approximately 14,000 dock labourers walked off the occupation at Port Alder "
    "on Saturday, stopping container site visitors at Valdoria's most hectic "
    "harbour after in a single day talks over wages and automation broke down, "
    "union chiefs stated.",

    "The United Harbour Workers' Federation (UHWF) stated the walkout would final "
    "at the very least 72 hours and might be prolonged if the port authority did "
    "not pull back plans to put in automated cranes at two of its 5 terminals. "
    "Picket strains shaped earlier than daybreak on the principal gates on "
    "Quayside Road, and by mid-morning no vessels had been being loaded or "
    "unloaded.",

    "\"Our participants have waited 3 years for a good provide, and what they "
    "received as an alternative was a timetable for changing them with "
    "machines,\" federation president Ilse Marrow informed journalists outdoors "
    "Terminal 3. \"We didn't need this walkout, however we won't be bargained out "
    "of our personal jobs.\"",

    "The Port Alder Harbour Authority stated in a declaration that it regretted "
    "the union's choice and remained \"ready to return to the table at any "
    "hour\". It stated its last supply included a 6.5 p.c. wage improve over two "
    "years and a assure that no everlasting worker could be laid off because of "
    "automation earlier than 2030.",

    "In line with harbour knowledge, 41 cargo ships had been anchored offshore by "
    "Saturday afternoon, and transport brokers warned the queue may cross 100 "
    "vessels by midweek, with hundreds of containers caught on the quays. The "
    "port handles about 60 % of Valdoria's container imports, together with most "
    "of its gasoline components, medicines and spare elements.",

    "Labour Clergyman Teodor Vasek stated the federal government was \"deeply "
    "concerned\" and had requested each side to attend mediation on the ministry "
    "on Monday. He declined to say whether or not the cupboard would take into "
    "account emergency laws to order staff again, a step final taken throughout "
    "a 2011 stoppage.",

    "Enterprise teams urged a fast settlement. The Valdorian Chamber of Commerce "
    "estimated that every day of disruption would value the financial system "
    "round 38 million crowns in delayed shipments and idle vehicles, with "
    "exporters of lumber and frozen fish among the many hardest hit.",

    "Truck drivers ready outdoors the port stated they'd obtained no warning. "
    "\"I've a refrigerated load of mackerel that must be in Kessbruck by "
    "tonight,\" stated driver Anton Feld, 46, who had been queuing since 4 a.m. "
    "\"No one can inform me when the gate will open.\"",

    "The dispute centres on a 1.2 billion crown modernisation programme "
    "introduced by the authority final 12 months, which might introduce "
    "remote-controlled cranes and self-driving straddle carriers at terminals 4 "
    "and 5. The union says the plan may get rid of as much as 2,300 jobs over a "
    "decade; the authority places the determine at fewer than 900.",

    "Smaller strikes have hit Valdorian ports twice up to now 18 months, however "
    "Saturday's walkout is the primary to close down Port Alder utterly since "
    "2011, when a nine-day stoppage led to shortages of cooking fuel within the "
    "capital.",
]

# Story B: Meridian Press, River Saal flood in Brenmoor, Estmark. Mon 16 March 2026.
STORY_B = [
    "BRENMOOR, Estmark (Meridian Press) - Emergency crews evacuated more than "
    "3,200 people from low-lying neighbourhoods of Brenmoor on Monday after the "
    "River Saal burst its banks following four days of torrential rain, regional "
    "officials said.",

    "Water at the city's Old Bridge gauge reached 7.4 metres early on Monday, "
    "nearly two metres above flood stage and the highest reading since records "
    "began in 1952, according to the Estmark Hydrological Service.",

    "Two people were confirmed dead: a 71-year-old man whose car was swept off a "
    "road near the village of Tallow Cross, and a woman found in a flooded "
    "basement in Brenmoor's Riverside district. Police said at least four others "
    "were missing.",

    "Regional governor Marta Olenko declared a state of emergency across the Saal "
    "valley and asked the national government for army support. \"The next 24 "
    "hours will be decisive,\" she said at a briefing in the city hall. \"I am "
    "asking everyone in the red zones to leave now and not to wait for the water "
    "to reach their door.\"",

    "Engineers at the Vessen reservoir, 30 kilometres upstream, began a "
    "controlled release of water on Sunday evening to relieve pressure on the "
    "dam, a decision that officials acknowledged would add to flooding "
    "downstream. The operator, Saal Valley Water, said the release was necessary "
    "to avoid \"an uncontrolled situation\" at the 60-year-old structure.",

    "Schools across the district were closed and rail services between Brenmoor "
    "and the capital, Lindholm, were suspended after a section of track near "
    "Orrin was undermined. About 18,000 households were without electricity on "
    "Monday morning, the grid operator said.",

    "Residents of the Riverside and Millgate districts described water rising "
    "faster than anyone had expected. \"At midnight it was at the bottom step, by "
    "two o'clock it was in the kitchen,\" said Pavel Drum, 58, who was taken by "
    "boat to a temporary shelter at the Brenmoor sports arena with his wife and "
    "their dog.",

    "Forecasters expect the rain to ease by Wednesday, but warned that the crest "
    "of the flood would not pass Brenmoor until Tuesday night at the earliest. "
    "Towns further downstream, including Saalmouth and Edda Ford, were told to "
    "prepare sandbag defences.",

    "Estmark has suffered three major floods in the past decade, and "
    "environmental groups have repeatedly criticised delays to a 400 million mark "
    "flood-defence scheme for the Saal valley, first approved in 2019 and still "
    "only partly built.",

    "(Reporting by Ada Lind in Brenmoor; Writing by Jonas Brekke; Editing by "
    "Maren Osk)",
]

# Story C: Continental News Agency, Solvane Motors van recall. Thu 19 March 2026.
STORY_C = [
    "LINDHOLM (CNA) - Solvane Motors will recall about 180,000 electric delivery "
    "vans sold in six countries after finding a fault in the battery cooling "
    "system that can, in rare cases, cause fires while the vehicles are "
    "charging, the company said on Thursday.",

    "The recall covers Solvane's Courier E and Courier E Max models built between "
    "June 2023 and November 2025. The carmaker said it had received reports of 27 "
    "thermal incidents, including nine fires, none of which caused injuries.",

    "\"We have traced the problem to a coolant valve from an outside supplier "
    "that can fail under prolonged fast charging,\" chief executive Hanna Veltri "
    "said in a video statement. \"Until the repair is done, we are asking owners "
    "to limit charging to 80 percent and to avoid fast chargers.\"",

    "Owners will be contacted by letter from next month. Dealers will replace the "
    "valve and update the battery management software in a repair expected to "
    "take about three hours. Solvane estimated the total cost at 240 million "
    "marks, which it said would be booked in the first quarter.",

    "Shares in Solvane fell as much as 6.8 percent in Lindholm trading on "
    "Thursday, their steepest intraday drop in more than two years, before "
    "recovering slightly to close 5.1 percent lower.",

    "The Courier vans are widely used by parcel firms and postal services. "
    "Estmark Post, which operates about 11,000 of them, said deliveries would "
    "continue normally but that it would stagger charging at its depots to "
    "comply with the company's advice.",

    "The Estmark Vehicle Safety Agency said it had been in contact with Solvane "
    "since January and was satisfied that the recall was proportionate. It said "
    "it would examine whether other manufacturers used the same component.",

    "The supplier, which Solvane did not name, also provides valves to at least "
    "two other van makers in the region, according to two people familiar with "
    "the matter who spoke on condition of anonymity.",

    "The recall is the largest in Solvane's 40-year history and comes as the "
    "company tries to defend its market share against cheaper electric vans from "
    "new entrants. Solvane delivered 212,000 vehicles last year, up 14 percent.",

    "(Reporting by Petra Hallin; Editing by Olaf Dunn)",
]

# ---------------------------------------------------------------------------
# Distractors: independently written pieces about the same events as A and B.
# Same names, places, numbers and dates; different sentences.
# ---------------------------------------------------------------------------

D_A_ANALYSIS = [
    "The picket lines at Port Alder are about wages on paper, but almost nobody "
    "on either side believes money is what will end the dispute.",

    "At the heart of the standoff is the harbour authority's 1.2 billion crown "
    "plan to automate terminals 4 and 5, a project that would bring "
    "remote-operated cranes and driverless straddle carriers to a port where "
    "most equipment is still handled from a cab. For the authority, automation "
    "is a question of survival: rival harbours across the Grey Sea have cut "
    "vessel turnaround times by a third since 2020, and Port Alder has lost "
    "transshipment business to them for four straight years.",

    "For the 14,000 members of the United Harbour Workers' Federation, the "
    "calculation looks very different. The union's own study estimates that as "
    "many as 2,300 positions could vanish over ten years. The authority's "
    "figure, fewer than 900, assumes that many crane drivers will be retrained as "
    "remote operators, a promise union officials say they have heard before.",

    "\"Retraining is a word they use when they mean early retirement,\" a shop "
    "steward at Terminal 4, who asked not to be named because he is not "
    "authorised to speak to the press, told Harbor Daily on Saturday evening.",

    "The wage gap between the two sides is comparatively narrow. The authority's "
    "offer of 6.5 percent over two years is within two points of the "
    "federation's original demand, and labour economists at Alder University say "
    "a deal on pay alone could have been struck weeks ago.",

    "What makes the job guarantee so contentious is its end date. Management has "
    "promised no automation-linked layoffs of permanent staff until 2030; the "
    "union wants that protection to run for the full life of the modernisation "
    "programme, which stretches to 2034, and to cover the roughly 1,800 casual "
    "workers who fill night shifts.",

    "The government's room for manoeuvre is limited. Labour Minister Teodor Vasek "
    "has called both parties to mediation on Monday, but the last time a "
    "Valdorian cabinet ordered dockers back to work, in 2011, it took a nine-day "
    "stoppage and gas shortages in the capital to build the political will. "
    "Officials privately concede that emergency legislation would be harder to "
    "pass in the current parliament, where the governing coalition holds a "
    "majority of just three seats.",

    "Meanwhile the bill is mounting out at sea. Ship agents counted 41 vessels "
    "riding at anchor by Saturday afternoon. Each day of delay, by the Chamber "
    "of Commerce's reckoning, removes some 38 million crowns from the economy.",

    "Whatever comes out of Monday's talks, the underlying question will not go "
    "away. Port Alder will automate eventually; the fight is over how fast, and "
    "who pays for it.",
]

D_A_OPED = [
    "By Greta Holm",

    "Every few years, Valdoria relearns the same lesson: a country that imports "
    "most of what it needs through a single harbour is only as calm as the people "
    "who work there.",

    "This weekend 14,000 of those people put down their tools at Port Alder, and "
    "by Sunday the usual voices were already calling on the cabinet to legislate "
    "them back onto the quays. Labour Minister Teodor Vasek has so far resisted. "
    "He should keep resisting.",

    "The case for emergency legislation rests on cost. The Chamber of Commerce "
    "reckons the stoppage drains 38 million crowns a day from the economy, and "
    "nobody who remembers the cooking-gas queues of 2011 wants to see them again. "
    "Those are real concerns. But a back-to-work law does not settle a dispute; "
    "it freezes it. The grievances behind the 2011 walkout were papered over for "
    "a decade and helped produce this one.",

    "Nor is this a quarrel about greed. The harbour authority's pay offer of 6.5 "
    "percent over two years is not far from what the union asked for. What the "
    "federation wants is a credible say in how automation arrives at terminals 4 "
    "and 5, and a guarantee that stretches beyond 2030. That is hardly an "
    "outrageous demand when management's own estimate is that close to 900 "
    "posts will disappear, and the union's is more than twice that.",

    "There is a better path. The government is a shareholder in the port "
    "authority and can insist that the modernisation timetable be renegotiated "
    "rather than imposed. It could fund a proper retraining programme, one with "
    "places, budgets and dates rather than slogans, and tie the second phase of "
    "automation to how many workers actually complete it. It could extend job "
    "protection to the casual staff who work the hardest night shifts.",

    "None of this is cheap. Neither are 41 ships riding at anchor off the Alder "
    "headland, or lorries of fish going soft in a queue on Quayside Road.",

    "Ilse Marrow, who leads the federation, insisted on Saturday that her members "
    "had never wanted a stoppage. I believe her. The minister has an opportunity "
    "today to prove that the government does not want the next one either.",

    "Greta Holm is a former port economist and a columnist for The Valley Ledger.",
]

D_A_DAY2 = [
    "PORT ALDER (CNA) - The strike at Valdoria's Port Alder stretched into a "
    "second day on Sunday, with the number of ships waiting offshore climbing to "
    "58 and the government confirming that mediation talks would open on Monday "
    "morning.",

    "Pickets from the United Harbour Workers' Federation kept all five terminals "
    "closed overnight. Police reported no arrests, and a small counter-protest by "
    "hauliers near the Quayside Road gate broke up peacefully after about an "
    "hour.",

    "Ministry spokeswoman Lidia Sorn said Labour Minister Teodor Vasek would "
    "chair the first session himself, beginning at 9 a.m., and that both the "
    "union and the harbour authority had accepted the invitation. \"The "
    "minister's priority is to get the port moving again without creating the "
    "conditions for another dispute next year,\" Sorn said.",

    "Federation president Ilse Marrow said the union would attend \"in good "
    "faith\" but would not suspend the walkout while talks were under way. She "
    "repeated that the main obstacle was the automation of terminals 4 and 5, "
    "not the pay offer.",

    "The harbour authority's chief executive, Rune Akkerman, used a Sunday radio "
    "interview to defend the modernisation plan, arguing that without it Port "
    "Alder would keep losing cargo to competitors. \"Nobody is being replaced "
    "tomorrow,\" he said. \"We have offered protection until 2030. That is a "
    "serious commitment.\"",

    "Supermarket chains said shelves were so far unaffected, but the Valdorian "
    "Pharmacists' Association warned that some imported medicines could run "
    "short within ten days if the stoppage continued. The state fuel company "
    "said reserves of heating oil and cooking gas would last at least three "
    "weeks, a figure intended to head off the panic buying seen in 2011.",

    "Shipping line Corvane Maritime said it had diverted two container ships "
    "bound for Port Alder to the smaller harbour at Selvik, about 200 kilometres "
    "to the north, where dockers are not on strike.",

    "The federation's 72-hour strike notice expires on Tuesday morning. Union "
    "officials said the executive committee would decide on Monday night whether "
    "to extend it, depending on progress in the talks.",
]

D_B_LOCAL = [
    "When the River Saal came up Millgate Lane on Monday night, Irena Kask did "
    "the only thing she could think of: she carried forty kilos of flour up the "
    "stairs, one sack at a time.",

    "Kask, 44, has run the family bakery on the corner of Millgate Lane and "
    "Tanner Street for sixteen years. Her grandfather opened it in 1958, six "
    "years after the first flood-level records were kept at the Old Bridge "
    "gauge. In all that time, she says, water had never crossed the shop's "
    "threshold.",

    "\"My father used to say the Saal knows where the bakery is and stays "
    "away,\" she said on Tuesday, standing in boots in twenty centimetres of "
    "brown water. \"This time it didn't listen.\"",

    "Millgate was one of two neighbourhoods, along with Riverside, that the city "
    "ordered cleared on Monday as the river climbed to a record 7.4 metres. Most "
    "of Kask's neighbours left for the shelter at the sports arena. She stayed in "
    "the flat above the shop with her teenage son until soldiers in an army truck "
    "came down the lane on Tuesday morning and persuaded them to go.",

    "Before she went, she lit the wood-fired oven on the upper floor, a relic of "
    "her grandfather's day that still works, and baked what she could. By the "
    "time the truck returned for a second load of residents, she had ninety "
    "loaves wrapped in tea towels. They went to the arena.",

    "Volunteers there said food supplies had been adequate but that fresh bread "
    "had disappeared within minutes. \"People have lost a lot this week,\" said "
    "Oskar Lamm, a coordinator with the Estmark Relief Service. \"Something warm "
    "from a bakery they know means more than you'd think.\"",

    "Not everyone in Millgate is so philosophical. Several shopkeepers on Tanner "
    "Street said nobody had warned them about the water let out of the Vessen "
    "reservoir upstream on Sunday evening, and asked why sandbags arrived only "
    "after the flood had. The city said it had sent text alerts to all "
    "registered phones in the district.",

    "Kask does not yet know whether her insurance covers the damage. The ovens "
    "on the ground floor, she suspects, are finished. But she plans to reopen. "
    "\"The water goes back down,\" she said. \"It always has.\"",
]

D_B_EXPLAINER = [
    "The decision to open the sluice gates at the Vessen reservoir on Sunday "
    "evening, while the River Saal was already spilling into parts of Brenmoor, "
    "has become the most contested moment of this week's floods. Here is what we "
    "know.",

    "What is the Vessen dam? It is an earth-and-concrete embankment about 30 "
    "kilometres upstream of Brenmoor, completed in 1966. The lake behind it "
    "supplies drinking water to roughly 250,000 people and is meant to hold back "
    "spring floods. It is run by Saal Valley Water, a company majority-owned by "
    "the regional government.",

    "Why was water let out? After four days of heavy rain the reservoir was close "
    "to full. Dam operators follow a set of rules, known as the operating curve, "
    "that dictate how high the lake may rise before water must be discharged. "
    "Saal Valley Water says it crossed that threshold on Sunday afternoon and "
    "that holding back more would have risked overtopping the crest, which for an "
    "earth dam can lead to rapid erosion and collapse.",

    "Did the release cause the flooding in Brenmoor? Not on its own. "
    "Hydrologists say the Saal would have flooded the city regardless, because "
    "most of the rain fell on tributaries that join the river below the dam. But "
    "the release added to the peak. Independent estimates of how much range from "
    "20 to 40 centimetres at the Old Bridge gauge, which hit 7.4 metres on "
    "Monday.",

    "Were residents warned? The operator says it informed the regional emergency "
    "centre at 5 p.m. on Sunday, two hours before the gates opened. Text alerts "
    "went to phones in Riverside and Millgate later that evening. Some residents "
    "say they received nothing, and the governor, Marta Olenko, has promised a "
    "review.",

    "What about the dam's age? Engineers flagged seepage at the Vessen embankment "
    "in a 2021 inspection, and repairs were scheduled as part of the 400 million "
    "mark flood-defence scheme for the valley approved in 2019. That work has not "
    "started. Critics say the dam's condition left operators less margin than "
    "they should have had.",

    "What happens next? Parliament's environment committee is expected to summon "
    "Saal Valley Water executives once the floodwater recedes. The hydrological "
    "service will publish a full reconstruction of the event, including the "
    "release, within three months.",
]

D_B_FOLLOWUP = [
    "LINDHOLM (CNA) - The flood crest on the River Saal passed Brenmoor "
    "overnight into Wednesday, and officials said water levels were finally "
    "falling in the city, even as the number of confirmed deaths in the valley "
    "rose to four.",

    "The Old Bridge gauge read 6.1 metres at 6 a.m., down from a peak of 7.9 "
    "metres late on Tuesday, the Estmark Hydrological Service said. The peak "
    "surpassed the record of 7.4 metres set on Monday.",

    "Police said the bodies of two men missing since Monday had been recovered "
    "near Tallow Cross. Two people remain unaccounted for.",

    "Governor Marta Olenko told evacuees from Riverside and Millgate not to go "
    "home until engineers had checked buildings for structural damage, which she "
    "said could take up to a week. About 4,100 people were registered at "
    "emergency shelters on Tuesday evening, more than the first evacuation "
    "estimate, as residents of outlying villages arrived.",

    "In parliament, opposition deputies demanded an inquiry into the decision to "
    "release water from the Vessen reservoir on Sunday. Environment Minister "
    "Jakob Resnik defended the operator, saying the dam had been \"at the limit "
    "of its safe operating range\" and that an uncontrolled failure would have "
    "been \"incomparably worse\".",

    "Downstream, Saalmouth reported minor flooding in its harbour district but "
    "said its sandbag walls had largely held. Trains between Brenmoor and "
    "Lindholm are expected to run again from Friday, the state railway said.",

    "The government announced an emergency fund of 85 million marks for "
    "households and small businesses, with payments of up to 5,000 marks per "
    "household available from next week.",
]

# ---------------------------------------------------------------------------
# Unrelated singletons.
# ---------------------------------------------------------------------------

S_PLAYHOUSE = [
    "The Alder Playhouse will raise its curtain again tonight after a "
    "two-year restoration that cost the town and a group of private donors just "
    "over 9 million crowns.",

    "The 1904 theatre on Chandler Street closed in early 2024 when inspectors "
    "found rot in the roof trusses above the balcony. Builders have since "
    "replaced the roof, restored the painted ceiling and widened the foyer, which "
    "now has a lift for the first time.",

    "\"People kept asking us whether it would ever open again,\" said artistic "
    "director Sanne Vey. \"We wanted the first night to belong to them.\" Tickets "
    "for the opening production, a revival of the harbour comedy The Lantern "
    "Keeper's Daughter, sold out in under an hour.",

    "The seating has been reduced from 640 to 590 to give audiences more "
    "legroom. A smaller studio stage in the former scenery store will host "
    "school productions and open rehearsals from May.",

    "The restoration uncovered a few surprises. Behind a plaster wall in the "
    "upper circle, workers found a hand-painted advertisement for a steamship "
    "line that stopped sailing from Port Alder in 1931; it has been cleaned and "
    "left on display. The original gas brackets along the stalls have been "
    "rewired and fitted with low-energy lamps.",

    "Funding came from the town council, a heritage grant and more than 1,400 "
    "individual donors, many of whom gave less than 50 crowns. Their names are "
    "painted on a board in the new foyer, and Vey said matinee tickets would stay "
    "at 12 crowns for the rest of the year as a thank-you.",
]

S_SEALS = [
    "Volunteers counting grey seal pups at Gull Point recorded 312 this winter, "
    "the highest number since the annual survey began in 1987, the Coastal "
    "Wildlife Trust said on Sunday.",

    "The colony has grown steadily since fishing nets were banned within two "
    "nautical miles of the point in 2009. Survey leader Maja Torrin said mild "
    "storms in December had also helped, as fewer pups were washed off the "
    "beaches in their first weeks.",

    "The trust asked walkers to keep dogs on leads and to stay at least 50 "
    "metres from the animals. \"A pup on its own is almost never abandoned,\" "
    "Torrin said. \"Its mother is usually just offshore, waiting for people to "
    "go away.\"",

    "The footpath above the colony will stay closed until the end of March.",

    "Grey seals give birth on the shingle beaches below the point between "
    "November and January. Pups are born with a white coat and stay ashore for "
    "about three weeks, feeding on milk so rich that they can triple their "
    "weight before moulting and heading out to sea.",

    "The count, made from the cliff path with binoculars and a drone flown at a "
    "fixed height, took volunteers six weekends. The trust will share the "
    "figures with the fisheries office, which is reviewing the net ban this "
    "year. Some local fishermen argue the growing colony is eating into cod "
    "stocks, a claim the trust disputes.",
]

S_FOOTBALL = [
    "Northgate Rovers came from behind to beat Lindholm City 2-1 on Saturday and "
    "move within four points of the top of the table.",

    "City led through a first-half header from Tomas Ryl, but Rovers levelled "
    "five minutes after the break when Emil Sand turned in a low cross from the "
    "left. Substitute Kai Orlov won it in the 88th minute, curling a free kick "
    "over the wall and in off the post.",

    "\"We were poor for 45 minutes and brilliant for 45,\" Rovers manager Lena "
    "Hart said. \"I will take that every week.\"",

    "The attendance of 11,240 was the largest at Mill Road this season. Rovers "
    "travel to Saalmouth next Sunday.",

    "Hart made two changes at half-time, bringing on Orlov and moving Sand into "
    "the middle, and the effect was immediate. Rovers had 11 shots after the "
    "break to City's two, and their goalkeeper Piet Vahl was barely tested.",

    "City manager Arne Solm complained that the free kick should never have "
    "been given, saying replays showed Sand had tripped over his own feet. \"The "
    "referee was twenty metres away and guessed,\" Solm said. City stay ninth.",
]

S_CYCLING = [
    "Northgate councillors on Tuesday approved a plan to build protected cycle "
    "lanes along the length of Market Street, ending a two-year argument over "
    "parking in the town centre.",

    "The scheme, which will cost 2.6 million marks, removes 84 on-street parking "
    "spaces and narrows the road to one lane in each direction between the "
    "station and the old cattle market. Work is due to begin in June and finish "
    "before the autumn term.",

    "Traders had opposed the loss of parking, and the vote passed by 19 to 14. "
    "Councillor Ines Marl, who chairs the transport committee, said the council "
    "would open a new 120-space car park on Foundry Lane before any spaces on "
    "Market Street were removed.",

    "Under the plan, the lanes will be separated from traffic by a raised kerb "
    "and planters, and the pavements outside the station will be widened. Six "
    "loading bays will be kept for deliveries before 10 a.m., and blue-badge "
    "parking will move to the side streets.",

    "The council's own survey last autumn found that about one in eight trips "
    "into the town centre were made by bicycle, up from one in twenty in 2019. "
    "Officials expect that share to double once the Market Street lanes connect "
    "with the existing route along the canal.",

    "Cycling groups welcomed the decision but said the lanes should continue "
    "past the hospital, which the plan does not include.",
]

# ---------------------------------------------------------------------------
# Transformations used to make the republished copies.
# ---------------------------------------------------------------------------


def strip_dateline(paras, new_dateline=None):
    """Remove (or replace) the wire dateline at the start of the first paragraph."""
    first = re.sub(r"^[A-Z ,a-z]+\((?:Meridian Press|CNA)\) - ", "", paras[0])
    if new_dateline:
        first = new_dateline + first
    return [first] + paras[1:]


def drop_credit(paras):
    """Sites usually drop the '(Reporting by ...)' credit line."""
    return [p for p in paras if not p.startswith("(Reporting by")]


def truncate(paras, keep):
    """Keep only the first `keep` story paragraphs (credit line dropped)."""
    return drop_credit(paras)[:keep]


def sub(paras, old, new, count=0):
    out = []
    for p in paras:
        out.append(p.replace(old, new) if count == 0 else p.replace(old, new, count))
    return out


def with_site(site, paras):
    s = SITES[site]
    parts = []
    if s["header"]:
        parts.append(s["header"])
    parts.extend(paras)
    if s["footer"]:
        parts.append(s["footer"])
    return "\n\n".join(parts)


# ---------------------------------------------------------------------------
# Records.  Each: (site, date, slug, title, text, cluster, case)
# ---------------------------------------------------------------------------

RECORDS = []


def add(site, date, slug, title, text, cluster, case):
    rid = f"{site}/{date[:10]}-{slug}"
    y, m, d = date[:4], date[5:7], date[8:10]
    url = f"https://{SITES[site]['host']}/{y}/{m}/{d}/{slug}"
    RECORDS.append(
        {
            "id": rid,
            "url": url,
            "source": SITES[site]["name"],
            "date": date,
            "title": title,
            "text": text,
            "_cluster": cluster,
            "_case": case,
        }
    )
    return rid


def raw(paras):
    return "\n\n".join(paras)


# ---- Story A: Port Alder strike -------------------------------------------

A_ORIGIN = raw(STORY_A)
add("meridianpress", "2026-03-14T14:10:00Z", "valdoria-port-alder-strike",
    "Dockworkers strike at Valdoria's Port Alder after talks on automation collapse",
    A_ORIGIN, "story-a", "origin")

# Aggregator reposts the raw wire item verbatim: literally the same text field.
add("dailyrelay", "2026-03-14T14:25:00Z", "port-alder-dockworkers-strike",
    "Port Alder dockworkers strike",
    A_ORIGIN, "story-a", "exact")

# Full copy, own headline, dateline shortened, boilerplate around it.
a_synd = strip_dateline(drop_credit(STORY_A), "PORT ALDER, Valdoria (MP) - ")
add("harbordaily", "2026-03-14T15:02:00Z", "port-alder-dockworkers-walk-out",
    "Port Alder at a standstill as 14,000 dockworkers walk out",
    with_site("harbordaily", a_synd), "story-a", "syndicated")

# Truncated: first 6 of 10 story paragraphs (60%).
add("valleyledger", "2026-03-14T15:40:00Z", "port-alder-strike-automation",
    "Port Alder strike: union vows to fight automated cranes",
    with_site("valleyledger", truncate(STORY_A, 6)), "story-a", "truncated")

# Edited: house style ("said Saturday"), number formats, a typo, an added
# sentence of local context, and the credit line dropped.
a_edit = strip_dateline(drop_credit(STORY_A))
a_edit = sub(a_edit, " on Saturday", " Saturday")
a_edit = sub(a_edit, " on Monday", " Monday")
a_edit = sub(a_edit, "6.5 percent", "6.5%")
a_edit = sub(a_edit, "60 percent", "60%")
a_edit = sub(a_edit, "38 million crowns", "38m crowns")
a_edit = sub(a_edit, "1.2 billion crown", "1.2bn-crown")
a_edit = sub(a_edit, "harbour", "harbor")
a_edit = sub(a_edit, "modernisation", "modernization")
a_edit = sub(a_edit, "bargained out of", "bargained out off")  # typo
a_edit.insert(
    7,
    "Northgate's freight yard, which depends on feeder ships from Port Alder for "
    "most of its deliveries, said it expected delays of at least a week.",
)
add("northgatetimes", "2026-03-14T16:15:00Z", "port-alder-strike-valdoria",
    "Valdoria port strike: ships queue as talks break down",
    with_site("northgatetimes", a_edit), "story-a", "edited")

# Truncated harder: first 5 of 10 story paragraphs (50%), dateline dropped.
add("coastalherald", "2026-03-14T17:30:00Z", "dockers-strike-port-alder",
    "Dockers down tools at Port Alder",
    with_site("coastalherald", strip_dateline(truncate(STORY_A, 5))),
    "story-a", "truncated")

# Full text wrapped in heavy site chrome (header nav + paywall footer).
add("cityexpress", "2026-03-14T18:05:00Z", "port-alder-strike-live",
    "Port Alder STRIKE: 41 ships stuck at sea as 14,000 walk out",
    with_site("cityexpress", drop_credit(STORY_A)), "story-a", "boilerplate")

# Synonym-spun rewrite on a spam site.
add("trendnewsflash", "2026-03-15T02:47:00Z", "dock-labourers-walkout-port-alder",
    "SHOCKING: Dock Labourers Stage Massive Walkout At Port Alder (Details Inside)",
    with_site("trendnewsflash", STORY_A_SPUN), "story-a", "spun")

# ---- Story B: River Saal floods --------------------------------------------

B_ORIGIN = raw(STORY_B)
add("meridianpress", "2026-03-16T09:45:00Z", "estmark-brenmoor-floods",
    "Thousands evacuated as River Saal floods Estmark city of Brenmoor",
    B_ORIGIN, "story-b", "origin")

# Full copy, curly quotes (house typography), credit dropped.
b_synd = drop_credit(STORY_B)
b_synd = [re.sub(r'(^|\s)"', "\\1\u201c", p) for p in b_synd]
b_synd = [p.replace('"', "\u201d") for p in b_synd]
B_VALLEY_TEXT = with_site("valleyledger", b_synd)
add("valleyledger", "2026-03-16T10:20:00Z", "brenmoor-evacuated-saal-floods",
    "Brenmoor evacuates 3,200 as the Saal bursts its banks",
    B_VALLEY_TEXT, "story-b", "syndicated")

# Scraper copies The Valley Ledger's page text wholesale: same text field as
# another copy (including that site's boilerplate), different id and site.
add("dailyrelay", "2026-03-16T10:31:00Z", "brenmoor-saal-floods-evacuation",
    "Brenmoor evacuates 3,200 as the Saal bursts its banks",
    B_VALLEY_TEXT, "story-b", "exact")

# Truncated: first 5 of 9 story paragraphs (56%).
add("harbordaily", "2026-03-16T11:10:00Z", "saal-flood-brenmoor",
    "Saal flood: two dead, thousands leave homes in Brenmoor",
    with_site("harbordaily", truncate(STORY_B, 5)), "story-b", "truncated")

# Edited: a paragraph dropped (schools/rail), the residents' quote moved up,
# "said Monday" style, dateline removed.
b_edit = strip_dateline(drop_credit(STORY_B))
quote = b_edit.pop(6)
b_edit.pop(5)  # schools and rail paragraph dropped
b_edit.insert(1, quote)
b_edit = sub(b_edit, " on Monday", " Monday")
b_edit = sub(b_edit, " on Sunday evening", " Sunday evening")
add("northgatetimes", "2026-03-16T12:45:00Z", "estmark-flood-brenmoor",
    "Estmark floods: 'By two o'clock it was in the kitchen'",
    with_site("northgatetimes", b_edit), "story-b", "edited")

# Edited: number formats, a typo, an added local sentence.
b_edit2 = drop_credit(STORY_B)
b_edit2 = sub(b_edit2, "3,200", "3200")
b_edit2 = sub(b_edit2, "18,000", "18 000")
b_edit2 = sub(b_edit2, "7.4 metres", "7.4m")
b_edit2 = sub(b_edit2, "30 kilometres", "30km")
b_edit2 = sub(b_edit2, "acknowledged", "acknowleged")  # typo
b_edit2.insert(
    8,
    "The Coastal Herald understands that two lifeboat crews from Gull Point were "
    "sent inland on Sunday night to help with rescues in the Saal valley.",
)
add("coastalherald", "2026-03-16T13:00:00Z", "brenmoor-flood-evacuation",
    "River Saal floods: Brenmoor residents rescued by boat",
    with_site("coastalherald", b_edit2), "story-b", "edited")

# Truncated hard: first 4 of 9 story paragraphs (44%).
add("cityexpress", "2026-03-16T14:25:00Z", "brenmoor-flood-latest",
    "BRENMOOR FLOOD LATEST: state of emergency declared",
    with_site("cityexpress", truncate(STORY_B, 4)), "story-b", "truncated")

# ---- Story C: Solvane recall -----------------------------------------------

C_ORIGIN = raw(STORY_C)
add("cna", "2026-03-19T16:30:00Z", "solvane-recall-electric-vans",
    "Solvane Motors recalls 180,000 electric vans over battery fire risk",
    C_ORIGIN, "story-c", "origin")

add("northgatetimes", "2026-03-19T17:05:00Z", "solvane-van-recall",
    "Solvane recalls 180,000 Courier electric vans",
    with_site("northgatetimes", drop_credit(STORY_C)), "story-c", "syndicated")

# Truncated: first 5 of 9 story paragraphs (56%).
add("cityexpress", "2026-03-19T17:40:00Z", "solvane-courier-recall-fires",
    "Solvane van FIRES: 180,000 recalled",
    with_site("cityexpress", truncate(STORY_C, 5)), "story-c", "truncated")

# Edited: style and number changes, a typo, an added local sentence.
c_edit = strip_dateline(drop_credit(STORY_C))
c_edit = sub(c_edit, " on Thursday", " Thursday")
c_edit = sub(c_edit, "6.8 percent", "6.8%")
c_edit = sub(c_edit, "5.1 percent", "5.1%")
c_edit = sub(c_edit, "80 percent", "80%")
c_edit = sub(c_edit, "240 million marks", "240m marks")
c_edit = sub(c_edit, "180,000", "180 000")
c_edit = sub(c_edit, "proportionate", "proportionnate")  # typo
c_edit.insert(
    6,
    "The Alder coast ambulance service, which runs 46 Courier E vans as "
    "patient transport vehicles, said it had already booked them in for repairs.",
)
add("harbordaily", "2026-03-19T18:00:00Z", "solvane-recall-courier-vans",
    "Solvane recall: what Courier E owners need to know",
    with_site("harbordaily", c_edit), "story-c", "edited")

add("valleyledger", "2026-03-19T18:30:00Z", "solvane-motors-recall",
    "Solvane Motors announces largest recall in its history",
    with_site("valleyledger", drop_credit(STORY_C)), "story-c", "boilerplate")

# Truncated: first 7 of 9 story paragraphs (78%).
add("dailyrelay", "2026-03-19T19:10:00Z", "solvane-recall",
    "Solvane recalls electric vans",
    with_site("dailyrelay", truncate(STORY_C, 7)), "story-c", "truncated")

# ---- Distractors (hard negatives): same events, different articles ---------

add("harbordaily", "2026-03-15T08:00:00Z", "analysis-port-alder-automation",
    "Analysis: Behind the Port Alder walkout, a fight over who runs the cranes",
    with_site("harbordaily", D_A_ANALYSIS),
    "harbordaily/2026-03-15-analysis-port-alder-automation", "hard_negative")

add("valleyledger", "2026-03-16T06:00:00Z", "opinion-port-alder-back-to-work",
    "Opinion: Ordering the dockworkers back would solve nothing",
    with_site("valleyledger", D_A_OPED),
    "valleyledger/2026-03-16-opinion-port-alder-back-to-work", "hard_negative")

add("northgatetimes", "2026-03-15T17:20:00Z", "port-alder-strike-second-day",
    "Port Alder strike enters second day as ship queue grows to 58",
    with_site("northgatetimes", D_A_DAY2),
    "northgatetimes/2026-03-15-port-alder-strike-second-day", "hard_negative")

add("coastalherald", "2026-03-17T10:15:00Z", "millgate-bakery-flood",
    "In Brenmoor's Millgate, a baker keeps the oven lit as the Saal rises",
    with_site("coastalherald", D_B_LOCAL),
    "coastalherald/2026-03-17-millgate-bakery-flood", "hard_negative")

add("valleyledger", "2026-03-17T12:00:00Z", "explainer-vessen-dam-release",
    "Explainer: Why engineers opened the Vessen dam as the Saal was flooding",
    with_site("valleyledger", D_B_EXPLAINER),
    "valleyledger/2026-03-17-explainer-vessen-dam-release", "hard_negative")

add("cityexpress", "2026-03-18T06:30:00Z", "saal-crest-passes-brenmoor",
    "Saal flood crest passes Brenmoor as death toll rises to four",
    with_site("cityexpress", D_B_FOLLOWUP),
    "cityexpress/2026-03-18-saal-crest-passes-brenmoor", "hard_negative")

# ---- Unrelated singletons --------------------------------------------------

add("harbordaily", "2026-03-13T16:00:00Z", "alder-playhouse-reopens",
    "Alder Playhouse reopens after two-year restoration",
    with_site("harbordaily", S_PLAYHOUSE),
    "harbordaily/2026-03-13-alder-playhouse-reopens", "unique")

add("coastalherald", "2026-03-15T09:00:00Z", "gull-point-seal-pups",
    "Record number of seal pups counted at Gull Point",
    with_site("coastalherald", S_SEALS),
    "coastalherald/2026-03-15-gull-point-seal-pups", "unique")

add("cityexpress", "2026-03-14T19:30:00Z", "rovers-beat-lindholm-city",
    "Late Orlov free kick sends Rovers past Lindholm City",
    with_site("cityexpress", S_FOOTBALL),
    "cityexpress/2026-03-14-rovers-beat-lindholm-city", "unique")

add("northgatetimes", "2026-03-17T18:45:00Z", "market-street-cycle-lanes",
    "Council backs Market Street cycle lanes by 19 votes to 14",
    with_site("northgatetimes", S_CYCLING),
    "northgatetimes/2026-03-17-market-street-cycle-lanes", "unique")

# ---------------------------------------------------------------------------
# Directory sample: story A (wire + 3 site copies), 2 distractors, 1 unrelated.
# Each .txt file is the headline, a blank line, then the page text.
# ---------------------------------------------------------------------------

TEXT_FILES = [
    ("wire/mp-port-alder-strike.txt",
     "meridianpress/2026-03-14-valdoria-port-alder-strike", "story-a", "origin"),
    ("sites/harbordaily-port-alder-walkout.txt",
     "harbordaily/2026-03-14-port-alder-dockworkers-walk-out", "story-a", "syndicated"),
    ("sites/valleyledger-port-alder-strike.txt",
     "valleyledger/2026-03-14-port-alder-strike-automation", "story-a", "truncated"),
    ("sites/northgatetimes-port-alder-strike.txt",
     "northgatetimes/2026-03-14-port-alder-strike-valdoria", "story-a", "edited"),
    ("sites/harbordaily-analysis-automation.txt",
     "harbordaily/2026-03-15-analysis-port-alder-automation", None, "hard_negative"),
    ("sites/northgatetimes-strike-second-day.txt",
     "northgatetimes/2026-03-15-port-alder-strike-second-day", None, "hard_negative"),
    ("sites/harbordaily-playhouse-reopens.txt",
     "harbordaily/2026-03-13-alder-playhouse-reopens", None, "unique"),
]


def main():
    records = sorted(RECORDS, key=lambda r: (r["date"], r["id"]))
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "duplicate ids"

    with open(os.path.join(HERE, "crawl.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            obj = {k: r[k] for k in ("id", "url", "source", "date", "title", "text")}
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")

    with open(os.path.join(HERE, "expected_clusters.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("id\tcluster\tcase\n")
        for r in records:
            f.write(f"{r['id']}\t{r['_cluster']}\t{r['_case']}\n")

    by_id = {r["id"]: r for r in records}
    tdir = os.path.join(HERE, "texts")
    os.makedirs(os.path.join(tdir, "wire"), exist_ok=True)
    os.makedirs(os.path.join(tdir, "sites"), exist_ok=True)
    rows = []
    for rel, rid, cluster, case in TEXT_FILES:
        r = by_id[rid]
        with open(os.path.join(tdir, rel), "w", encoding="utf-8", newline="\n") as f:
            f.write(r["title"] + "\n\n" + r["text"] + "\n")
        rows.append((rel, cluster or rel, case))
    with open(os.path.join(HERE, "texts_expected_clusters.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("id\tcluster\tcase\n")
        for rel, cluster, case in sorted(rows):
            f.write(f"{rel}\t{cluster}\t{case}\n")

    print(f"wrote {len(records)} records and {len(TEXT_FILES)} text files")


# ---------------------------------------------------------------------------
# --check: validate the written files and print overlap numbers.
# ---------------------------------------------------------------------------

STOPWORDS = set(
    "a an the of to in on at by for with and or but not no is was were be been "
    "had has have it its that this which who as from than up out off over into "
    "would could will can may might said says he she they their our we i my".split()
)


def tokens(text):
    """Lowercase, split on non-alphanumerics (Unicode-aware)."""
    return re.findall(r"[^\W_]+", text.lower())


def shingles(text, k=5):
    t = tokens(text)
    return {tuple(t[i:i + k]) for i in range(len(t) - k + 1)}


def strip_boilerplate(text):
    for s in SITES.values():
        for part in (s["header"], s["footer"]):
            if part:
                text = text.replace(part, "")
    return text


def jaccard(a, b):
    return len(a & b) / len(a | b) if a | b else 0.0


def containment(a, b):
    """Share of the smaller set's shingles that occur in the other."""
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & big) / len(small) if small else 0.0


def spin_ratio(orig_paras, spun_paras):
    """Share of the original's content words replaced in the spun version."""
    import difflib
    o = tokens(raw(strip_dateline(drop_credit(orig_paras))))
    s = tokens(raw(spun_paras))
    sm = difflib.SequenceMatcher(a=o, b=s, autojunk=False)
    kept = [False] * len(o)
    for blk in sm.get_matching_blocks():
        for i in range(blk.a, blk.a + blk.size):
            kept[i] = True
    content = [i for i, w in enumerate(o) if w not in STOPWORDS and not w.isdigit()]
    changed = sum(1 for i in content if not kept[i])
    return changed / len(content)


def check():
    path = os.path.join(HERE, "crawl.jsonl")
    recs = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            r = json.loads(line)
            assert set(r) == {"id", "url", "source", "date", "title", "text"}, (n, set(r))
            assert all(isinstance(r[k], str) and r[k] for k in r), n
            recs.append(r)
    ids = [r["id"] for r in recs]
    assert len(ids) == len(set(ids)), "duplicate ids"
    with open(os.path.join(HERE, "expected_clusters.tsv"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    assert lines[0] == "id\tcluster\tcase"
    rows = [l.split("\t") for l in lines[1:]]
    tsv_ids = [r[0] for r in rows]
    assert sorted(tsv_ids) == sorted(ids) and len(set(tsv_ids)) == len(tsv_ids)
    label = {r[0]: (r[1], r[2]) for r in rows}
    print(f"OK: {len(recs)} records, six fields each, ids unique, "
          f"each id once in expected_clusters.tsv")

    by = {r["id"]: r for r in recs}
    full = {i: shingles(by[i]["text"]) for i in ids}
    body = {i: shingles(strip_boilerplate(by[i]["text"])) for i in ids}

    print("\nCopies vs origin (5-gram; 'body' = site boilerplate removed)")
    print(f"{'id':62} {'case':12} {'J full':>7} {'J body':>7} {'C body':>7}")
    for cl in ("story-a", "story-b", "story-c"):
        members = [i for i in ids if label[i][0] == cl]
        origin = next(i for i in members if label[i][1] == "origin")
        for i in members:
            if i == origin:
                continue
            jf = jaccard(full[i], full[origin])
            jb = jaccard(body[i], body[origin])
            cb = containment(body[i], body[origin])
            print(f"{i:62} {label[i][1]:12} {jf:7.3f} {jb:7.3f} {cb:7.3f}")
            assert by[i]["date"] > by[origin]["date"], (i, "not later than origin")
            if label[i][1] != "spun":
                assert cb >= 0.8, (i, cb)

    print("\nDistractors and singletons: max 5-gram Jaccard (full page text, and "
          "body with boilerplate removed) against")
    print("  story copies (all of story-a/b/c), other distractors, anything at all")
    print(f"{'id':58} {'case':13} {'J story':>7} {'J distr':>7} {'J any':>6} "
          f"{'Jb any':>6} {'Cb any':>6}")
    story_ids = [j for j in ids if label[j][0].startswith("story-")]
    neg_ids = [j for j in ids if label[j][1] in ("hard_negative", "unique")]
    worst = 0.0
    for i in neg_ids:
        js = max(jaccard(full[i], full[j]) for j in story_ids)
        jd = max(jaccard(full[i], full[j]) for j in neg_ids if j != i)
        ja = max(jaccard(full[i], full[j]) for j in ids if j != i)
        jb = max(jaccard(body[i], body[j]) for j in ids if j != i)
        cb = max(containment(body[i], body[j]) for j in ids if j != i)
        worst = max(worst, ja)
        print(f"{i:58} {label[i][1]:13} {js:7.3f} {jd:7.3f} {ja:6.3f} {jb:6.3f} {cb:6.3f}")
    print(f"max Jaccard of any distractor/singleton pair (full text): {worst:.3f}")
    assert worst < 0.1, worst

    print(f"\nspun: share of origin content words replaced = "
          f"{spin_ratio(STORY_A, STORY_A_SPUN):.2f}")


if __name__ == "__main__":
    import sys
    if "--check" in sys.argv[1:]:
        check()
    else:
        main()
