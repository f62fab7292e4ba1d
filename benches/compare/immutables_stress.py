"""Design-time check of the spin view's immutable words (docs/evaluation.md).

Re-implements neardup's immutables in Python (function words, optionally by
class; numbers; capitalised words inside a sentence), makes every spun
rewrite of a generated corpus harsher by also swapping each function word,
with probability Q, for another of its class (what real spinners do:
"in" -> "within", "since" -> "because"), and prints for each n the 5th
percentile of the immutable n-gram Jaccard of spun copies with their origin
and the largest among different articles (origins, hard negatives, uniques).

    neardup generate -o sp10 --mb 10 --seed 3 --spun-share 0.5
    python3 benches/compare/immutables_stress.py sp10 0.3
"""
import json, re, sys, random, collections, itertools
random.seed(1)
CLS = {
 'D': "a an the this that these those some any each every no all both either neither",
 'R': "i me my mine we us our ours you your yours he him his she her hers it its they them their theirs who whom whose which what where when why how myself yourself himself herself itself ourselves themselves",
 'P': "of in on at to from by for with about against between into through during before after above below under over up down out off across along around behind beyond near onto per than till until via within without upon toward towards among amongst despite except inside outside past since",
 'C': "and or but nor so yet if then else because although though while whilst unless whether as",
 'A': "is are was were be been being am has have had having do does did doing will would shall should can could may might must",
 'X': "not also only just very too more most such there here",
 'N': "one two three four five six seven eight nine ten hundred thousand million billion",
}
W2C={w:c for c,ws in CLS.items() for w in ws.split()}
tok = re.compile(r"[\w']+|[.!?]")
def imm(text, coarse):
    out=[]; start=True
    for m in tok.finditer(text):
        w=m.group()
        if w in '.!?': start=True; continue
        lw=w.lower()
        if lw in W2C: out.append(W2C[lw] if coarse else lw)
        elif w[0].isdigit() or w[-1].isdigit(): out.append('N' if coarse else lw)
        elif w[0].isupper() and not start: out.append(lw)
        start=False
    return out
def harsh(text, q):
    # swap function words for another of the same class with prob q
    def rep(m):
        w=m.group(); lw=w.lower()
        if lw in W2C and random.random()<q:
            alts=CLS[W2C[lw]].split(); n=random.choice(alts)
            return n.capitalize() if w[0].isupper() else n
        return w
    return re.sub(r"[\w']+", rep, text)
d=sys.argv[1]; q=float(sys.argv[2])
texts={}; truth={}; case={}
for line in open(d+'/corpus.jsonl'):
    r=json.loads(line); texts[r['id']]=r['text']
for line in open(d+'/truth.tsv'):
    a=line.rstrip('\n').split('\t')
    if a[0]=='id': continue
    truth[a[0]]=a[1]; case[a[0]]=a[2]
for i in texts:
    if case[i].startswith('spun'): texts[i]=harsh(texts[i],q)
for coarse in (False,True):
  for N in (4,5,6):
    sets={i:set(hash(tuple(s[k:k+N])) for k in range(max(1,len(s)-N+1))) for i in texts for s in [imm(texts[i],coarse)]}
    inv=collections.defaultdict(list)
    for i,s in sets.items():
        for h in s: inv[h].append(i)
    pairs=collections.Counter()
    for h,l in inv.items():
        if len(l)>100: continue
        for a,b in itertools.combinations(sorted(l),2): pairs[(a,b)]+=1
    spun=collections.defaultdict(list); neg=[]
    for (a,b),c in pairs.items():
        j=c/len(sets[a]|sets[b])
        if truth[a]==truth[b]:
            if case[a].startswith('spun') and case[b]=='origin': spun[case[a]].append(j)
            if case[b].startswith('spun') and case[a]=='origin': spun[case[b]].append(j)
        elif 'chrome' not in a and case[a] in('hard_negative','origin','unique') and case[b] in ('hard_negative','origin','unique'):
            neg.append(j)
    neg.sort()
    q5=lambda v: sorted(v)[len(v)//20] if v else 0
    print(f"q={q} coarse={coarse} N={N}: spun q05 " + " ".join(f"{k}:{q5(v):.2f}(n{len(v)})" for k,v in sorted(spun.items())) + f" | neg max {neg[-1]:.3f} q999 {neg[int(len(neg)*0.999)]:.3f} n={len(neg)}")
