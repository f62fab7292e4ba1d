//! Text written without spaces between words (Chinese, Japanese, Thai) is
//! shingled by characters: copies cluster, different texts on one topic do
//! not, and a short sentence is measured in characters, not "words".

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Original test texts (written for these tests). A and its copy A2 differ
/// in three characters; B is another text on the same topic (the weather
/// of a city in spring), with many of the same words.
const ZH_A: &str = "今年春天北京的天气变化很大。三月初还下了一场大雪，很多人以为冬天又回来了。可是没过几天，气温就升到了二十度，公园里的桃花和杏花一下子都开了。周末的时候，许多家庭带着孩子去颐和园和香山散步，拍照的人特别多。气象台提醒大家，早晚温差较大，出门最好多带一件外套，也要注意沙尘天气对身体的影响。";
const ZH_A2: &str = "今年春天北京的天气变化很大。三月初还下了一场大雪，很多人以为冬天又回来了。可是没过几天，气温就升到了二十多度，公园里的桃花和杏花一下子全开了。周末的时候，许多家庭带着孩子去颐和园和香山散步，拍照的人非常多。气象台提醒大家，早晚温差较大，出门最好多带一件外套，也要注意沙尘天气对身体的影响。";
const ZH_B: &str = "春天到了，上海的天气却一直不太稳定。连续下了一个星期的雨，很多市民抱怨衣服晒不干。气象部门说，今年的梅雨季节可能会提前到来，气温也比往年同期偏高。虽然天气不好，外滩和豫园的游客还是很多，不少人撑着伞在江边看风景。专家建议大家注意防潮，家里可以用除湿机，老人和孩子要特别注意保暖。";
/// A short sentence: 24 characters (27 with punctuation), 3 "words" to a
/// tokeniser that splits at spaces and punctuation only.
const ZH_SHORT: &str = "北京今天阳光明媚，气温二十度，适合去公园散步和放风筝。";
/// Chinese with English product names and commands; its copy changes two
/// characters and one English word.
const MIXED: &str = "在 Debian 系统中安装软件非常简单。打开终端，输入 sudo apt install firefox 然后按回车键，系统会自动下载并安装 Firefox 浏览器以及它需要的所有依赖包。如果你想升级系统中已经安装的全部软件，可以先运行 apt update 更新软件列表，再运行 apt upgrade 完成升级。安装完成以后，在应用程序菜单里就能找到新的浏览器。";
const MIXED2: &str = "在 Debian 系统中安装软件十分简单。打开终端，输入 sudo apt install firefox 然后按回车键，系统会自动下载并安装 Firefox 浏览器以及它需要的所有依赖包。如果你想升级系统中已经安装的所有软件，可以先运行 apt update 更新软件列表，再运行 apt full-upgrade 完成升级。安装完成以后，在应用程序菜单里就能找到新的浏览器。";
/// Thai: a paragraph, its copy with one word changed, and another text on
/// the same topic (travel to Chiang Mai).
const TH_A: &str = "เชียงใหม่เป็นเมืองที่มีนักท่องเที่ยวมาเยือนมากที่สุดแห่งหนึ่งในภาคเหนือของประเทศไทย ในช่วงฤดูหนาวอากาศเย็นสบาย ผู้คนนิยมขึ้นไปชมทะเลหมอกบนดอยอินทนนท์ และเดินเล่นที่ถนนคนเดินในวันอาทิตย์ อาหารพื้นเมืองอย่างข้าวซอยและไส้อั่วก็เป็นที่ชื่นชอบของนักท่องเที่ยวทั้งชาวไทยและชาวต่างชาติ";
const TH_A2: &str = "เชียงใหม่เป็นเมืองที่มีนักท่องเที่ยวมาเยือนมากที่สุดแห่งหนึ่งในภาคเหนือของประเทศไทย ในช่วงฤดูหนาวอากาศหนาวสบาย ผู้คนนิยมขึ้นไปชมทะเลหมอกบนดอยอินทนนท์ และเดินเล่นที่ถนนคนเดินในวันอาทิตย์ อาหารพื้นเมืองอย่างข้าวซอยและไส้อั่วก็เป็นที่ชื่นชอบของนักท่องเที่ยวทั้งชาวไทยและชาวต่างชาติ";
const TH_B: &str = "การเดินทางไปเชียงใหม่สามารถทำได้หลายวิธี ทั้งนั่งรถไฟจากกรุงเทพซึ่งใช้เวลาประมาณสิบสองชั่วโมง หรือนั่งเครื่องบินที่ใช้เวลาเพียงหนึ่งชั่วโมงเศษ ผู้ที่ชอบความสะดวกอาจเช่ารถขับเองเพื่อแวะพักตามเมืองต่างๆ ระหว่างทาง ควรจองที่พักล่วงหน้าในช่วงเทศกาลลอยกระทงเพราะห้องพักมักเต็มเร็วมาก";

fn write_corpus(dir: &Path, docs: &[(&str, &str)]) -> std::path::PathBuf {
    let path = dir.join("corpus.jsonl");
    let lines: Vec<String> = docs
        .iter()
        .map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string())
        .collect();
    std::fs::write(&path, lines.join("\n") + "\n").expect("write corpus");
    path
}

/// Cluster ids by document id (`--format docs`), and the skipped rows.
fn cluster(docs: &[(&str, &str)]) -> (BTreeMap<String, u64>, Vec<Value>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = write_corpus(dir.path(), docs);
    let skipped = dir.path().join("skipped.jsonl");
    let out = run_ok(&[
        "cluster".as_ref(),
        "--quiet".as_ref(),
        "--format".as_ref(),
        "docs".as_ref(),
        "--skipped".as_ref(),
        skipped.as_os_str(),
        corpus.as_os_str(),
    ]);
    let ids = parse_jsonl(&out.stdout)
        .iter()
        .map(|d| (s(d, "id").to_string(), u(d, "cluster_id")))
        .collect();
    let skipped = std::fs::read(&skipped)
        .map(|b| parse_jsonl(&b))
        .unwrap_or_default();
    (ids, skipped)
}

#[test]
fn near_identical_chinese_paragraphs_cluster_and_another_text_does_not() {
    let (ids, skipped) = cluster(&[("a", ZH_A), ("a2", ZH_A2), ("b", ZH_B)]);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(ids["a"], ids["a2"], "copies apart: {ids:?}");
    assert_ne!(
        ids["a"], ids["b"],
        "different texts on one topic joined: {ids:?}"
    );
}

#[test]
fn a_short_chinese_sentence_is_measured_in_characters() {
    assert!(ZH_SHORT.chars().count() > 20 && ZH_SHORT.split_whitespace().count() < 10);
    let (ids, skipped) = cluster(&[("short", ZH_SHORT), ("a", ZH_A)]);
    assert!(skipped.is_empty(), "skipped: {skipped:?}");
    assert!(ids.contains_key("short"));
    // Under the character minimum, it is skipped and says so in characters.
    let (_, skipped) = cluster(&[("tiny", "今天下雨。"), ("a", ZH_A)]);
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    let row = skipped[0].to_string();
    assert!(
        row.contains("too_short") && row.contains("characters"),
        "{row}"
    );
}

#[test]
fn mixed_chinese_and_english_copies_cluster() {
    let (ids, _) = cluster(&[("m", MIXED), ("m2", MIXED2), ("a", ZH_A), ("b", ZH_B)]);
    assert_eq!(ids["m"], ids["m2"], "{ids:?}");
    assert_ne!(ids["m"], ids["a"], "{ids:?}");
    assert_ne!(ids["m"], ids["b"], "{ids:?}");
}

#[test]
fn thai_copies_cluster_and_another_thai_text_does_not() {
    let (ids, skipped) = cluster(&[("t", TH_A), ("t2", TH_A2), ("tb", TH_B)]);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(ids["t"], ids["t2"], "{ids:?}");
    assert_ne!(ids["t"], ids["tb"], "{ids:?}");
}

#[test]
fn explain_points_at_the_chinese_passage_and_finds_no_spin() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    let prefix = "编者按：以下内容转载自本地报纸。\n\n";
    std::fs::write(&a, ZH_A).expect("write");
    std::fs::write(&b, format!("{prefix}{ZH_A2}")).expect("write");
    let out = run_ok(&[
        "explain".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        a.as_os_str(),
        b.as_os_str(),
    ]);
    let v: Value = serde_json::from_slice(&out.stdout).expect("explain --json");
    let text = v.to_string();
    assert!(!text.contains("\"spun\""), "{text}");
    // The first passage starts at the start of A and after the prefix in B.
    let passage = &v["alignment"]["passages"][0];
    assert_eq!(passage["a"]["start"], 0, "{passage}");
    assert_eq!(passage["b"]["start"], prefix.len(), "{passage}");
}
