"""The normalizer's rules and the evidence they weigh, in words the print office reads.

The page shows why a block was marked 存疑: the rule that decided and the evidence it
weighed.  The rules are named in English for ``inspect``; here each has a short
description in Simplified Chinese and in English (Traditional Chinese is drawn from
the Simplified one by the variant converter).  A name missing here shows as itself;
``tests/test_review_explain.py`` keeps every rule of the registry described.
"""

from __future__ import annotations

from functools import lru_cache

# rule name → (Simplified Chinese, English)
RULE_TEXT: dict[str, tuple[str, str]] = {
    # text
    "strip-invisible": ("去掉不可见字符", "invisible characters removed"),
    "fullwidth-alnum": ("全角字母数字改半角", "full-width letters and digits made ASCII"),
    "misread-parenthesis": ("误识的括号改正", "a misread parenthesis put right"),
    "misread-book-mark": ("误识为书名号的括号改正", "a parenthesis misread as 《 put right"),
    "glyph-lines": ("每行一字的长串合为一行", "a long run of one-character lines is one line"),
    # pages (furniture)
    "running-head": ("每页重复的页眉", "a running head recurring on every page"),
    "folio": ("页边的页码", "a page number at the page's edge"),
    "ocr-running-head": ("识别有误的页眉", "a running head read differently on each page"),
    "interrupting-head": ("打断句子的页眉", "a running head cutting a sentence on each page"),
    "misread-edge-head": ("页边重复的短行", "a short line recurring at the page's edge"),
    "head-beside-folio": ("页码旁只出现一次的页眉", "a running head beside its folio, occurring once"),
    "misread-separator-head": ("分隔符识别有误的页眉", "a running head with misread separators"),
    # lines
    "line-pieces": ("被空格行切开的一行合一", "two pieces of a line around a line of spaces"),
    "mark-pieces": ("在标点处被切开的一行合一", "two pieces of a line cut at a punctuation mark"),
    "markdown-heading": ("Markdown 标题行", "a Markdown heading line"),
    "contents-entry": ("目录行", "a contents line"),
    "markdown-list": ("列表行", "a list line"),
    "masthead-line": ("报头行（日期、报名、期号）", "a masthead line (date, paper, issue)"),
    "masthead-piece": ("报头的另一行", "another piece of the masthead"),
    "masthead-wrap": ("报头折行处接续", "a masthead wrapped inside one of its units"),
    "byline-dateline-split": ("作者行与电头分开", "a byline parted from its dateline"),
    "letter-spacing": ("字间空格合并", "letter-spaced characters closed up"),
    "stretched-spaces": ("拉开的行里其余空格去掉", "the other spaces of a stretched line closed up"),
    "byline-line": ("单独一行的作者", "a reporter line of its own"),
    # boundary
    "line-structure": ("标题、列表、目录等独立成块", "headings, items, contents lines stand alone"),
    "jump-note": ("转版说明结束一块", "a continuation note ends the block"),
    "source-note": ("来源说明结束一块", "a source note ends the block"),
    "caption-credit": ("摄影署名结束图片说明", "a photo credit ends the caption"),
    "wrapped-credit": ("折行的摄影署名结束图片说明", "a photo credit wrapped onto the last line ends the caption"),
    "note-after-sentence": ("句末后的括注结束一段", "a note after the last sentence ends the paragraph"),
    "dateline-start": ("电头另起一段", "a dateline opens a block"),
    "indent-next": ("缩进另起一段", "an indented line opens a paragraph"),
    "dash-lead": ("破折号开头另起（副题）", "a —— lead opens a block (a subtitle)"),
    "misread-dash-deck": ("破折号误识的副题另起", "a deck whose —— was misread opens a block"),
    "misread-deck-end": ("误识破折号副题在此结束", "a misread-dash deck ends here"),
    "misread-byline-edges": ("姓名识别有误的作者行单独成段", "a reporter line with a misread name stands alone"),
    "long-group": ("窄栏中四行以上的短行组自成一块", "four or more short lines in a narrow box are one block"),
    "item-run": ("条目另起", "an item of a run opens a block"),
    "trailing-note": ("句末括注结束一段", "a note in parentheses ends the paragraph"),
    "title-version-line": ("英文标题与版本行分开", "a title stands apart from its version line"),
    "latin-open-end": ("英文行末逗号、空行处分段", "Latin line ending open, before a blank line"),
    "latin-open-gap": ("英文行末冒号、分号后空行分段", "a Latin line ending in : or ; ends at a blank line"),
    "stray-hyphen-gap": ("汉字后误识的连字符、下有空行处分段", "a hyphen the OCR read after a Han character, over a gap, ends the block"),
    "open-line": ("行末逗号、顿号不分段", "a line ending in ，、：； never ends a block"),
    "gap-after-sentence": ("句末后空行分段", "a blank line after a closed sentence ends the block"),
    "debris-over-headline": ("识别成拉丁字母的标题开头与标题合为一块", "a headline's start read as Latin debris joins the headline"),
    "headline-comma-gap": ("空行间以误识逗号结尾的短标题", "a short headline between gaps ending in a misread comma"),
    "open-end-headline": ("开放结尾后空行下接电头的标题另起", "a block ending open ends at a blank line over a headline and its dateline"),
    "noise-in-paragraph": ("段落中的识别噪声行不断开段落", "lines of OCR noise inside a paragraph keep it open"),
    "closed-quote-line": ("以句末引号结束的短行结束段落", "a short line ending a sentence and a quotation ends its paragraph"),
    "headline-quote-gap": ("引号未闭合的标题在空行处结束", "a headline left in an open quotation ends at the gap under it"),
    "open-quote": ("引号未闭合不分段", "an open quotation goes on"),
    "unwrapped-text": ("未折行文本，一句一段", "text never wrapped: a paragraph per line"),
    "label-over-headline": ("标题上方的栏目名单独成块", "a section label right over a headline stands apart"),
    "headline-pieces": ("被空行隔开的标题两段合一", "two headline pieces set apart are one"),
    "headline-cut": ("被空行切开的标题合一", "a headline cut by blank lines is one"),
    "isolated-heading": ("空行隔开的短行是标题", "a short group set apart by blanks is a heading"),
    "wide-heading": ("比正文宽的标题", "a headline wider than the column after it"),
    "double-spaced-heading": ("双倍行距中的标题", "a heading in double-spaced text"),
    "heading-over-opening": ("标题与下面的段首分开", "a headline glued to the opening line stands apart"),
    "headline-over-indent": ("比下面缩进段首行还窄的标题自成一块", "a headline narrower than the indented first line under it stands apart"),
    "headline-last-line": ("标题折行的末行", "a headline's wrapped last line goes with it"),
    "wrapped-heading": ("折成两行的标题", "a headline wrapped in the column is one heading"),
    "full-line-continues": ("满行未完句不分段", "a full line not closing a sentence goes on"),
    "blank-line": ("空行分段", "a blank line is a boundary"),
    "continued-first-line": ("短行后接满行，续段", "a short line before a full one goes on"),
    "boxed-headline-start": ("段末后等宽的标题行另起", "a headline set to one width opens a block after a paragraph"),
    "boxed-headline": ("等宽短行组下接段首，是标题", "lines set to one width over a paragraph's opening: a heading"),
    "unspaced-heading": ("无空行的短标题", "a short group not reading as a sentence is a heading"),
    "gap-heading": ("空行后的短标题", "a short headline-like group after a gap"),
    "gap-wide-heading": ("空行后比正文宽的标题", "a headline wider than the column, after a gap"),
    "unclosed-headline": ("段末后未完句的短行组是标题", "an unclosed short group after a paragraph end is a heading"),
    "wide-line-heading": ("跨栏的宽标题行", "a line wider than the column: a headline across columns"),
    "opening-as-wide": ("与本段段首同宽的行另起一段", "a line as wide as this paragraph's opening opens one"),
    "short-line-joins": ("未完句的短行续段", "a short line not closing a sentence goes on"),
    "short-closing": ("句末短行结束一段", "a short line closing a sentence ends the paragraph"),
    "wider-next": ("下一行明显更宽，分段", "a much wider next line does not continue"),
    "indent-dropped": ("缩进被去掉的段首", "a paragraph opening whose indent was lost"),
    "opening-width": ("比栏宽短一个缩进的段首", "a line one indent short of the column opens one"),
    # classify
    "line-kind": ("行的结构决定类型", "the line's structure keeps its type"),
    "editor-note": ("以“编者按”开头", "opens with 编者按"),
    "jump": ("单独的转版说明", "a continuation note standing alone"),
    "source": ("括号中的来源说明", "a source note in parentheses"),
    "caption": ("以“摄”结尾的图片说明", "ends in a photo credit (…摄)"),
    "byline": ("单独的作者行", "a reporter line standing alone"),
    "headline-last-piece": ("被空行切开、末段紧贴正文的标题", "a headline cut by a gap, its last piece glued to the text"),
    "heading-over-gap": ("紧接段末、下有空行的标题", "a headline right under a paragraph's end, over a gap"),
    "dateline-headline": ("电头上方的多行标题", "a headline over several lines above a dateline"),
    "misread-byline": ("姓名识别有误的作者行", "a reporter line with a misread name"),
    "section-label": ("标题上方的栏目名", "a section label over a headline"),
    "cut-headline": ("切成多行短行的大标题", "a big headline the OCR cut into many short lines"),
    "garbled-headline": ("夹杂误识字母的标题", "a headline with Latin letters the OCR made of its big characters"),
    "misread-dash-subtitle": ("破折号误识的副题", "a subtitle whose —— was misread"),
    "ocr-noise": ("识别出的杂乱字母，作正文", "OCR noise of Latin letters: body text"),
    "subtitle": ("标题下的破折号行是副题", "a —— line under a headline is its subtitle"),
    "version-line": ("英文标题下的版本行", "a version line under an English title"),
    "indented-paragraph": ("有段首缩进，是正文", "keeps a paragraph indent: body text"),
    "heading": ("不成句的短块是标题", "a short group not reading as a sentence is a heading"),
    # structure
    "caption-credit-merge": ("单独的摄影署名并入图片说明", "a credit on its own joins the caption"),
    "jump-split": ("段末转版说明分出", "a continuation note split off the paragraph"),
    "digest-title": ("目录前的标题是刊名", "the headline before the contents is the title"),
    "series-name": ("首个标题上的栏目名是报头", "a series name above the first headline"),
    # join
    "hyphenation": ("英文连字符断词", "a hyphenated word across lines"),
    "masthead-date-space": ("报头日期与星期之间折行处留空格", "a header wrapped between its date and weekday keeps the fields' space"),
    "reporter-credit-space": ("署名换行处留空格", "a line break in a credit becomes a space"),
    "cjk-join": ("中文行直接相连", "CJK lines join with nothing"),
    "latin-join": ("英文行以空格相连", "Latin lines join with a space"),
    # markup
    "markdown-inline": ("粗体与链接标记", "bold and link markup"),
    "dead-links": ("去掉无效链接", "links to nowhere removed"),
    # inline
    "stray-soft-hyphen": ("去掉块末软连字符", "a stray soft hyphen dropped"),
    "halfwidth-punctuation": ("中文里的半角标点改全角", "half-width punctuation in Chinese made full-width"),
    "fullwidth-dash": ("汉字间的全角减号改为破折号", "a full-width minus between Han made a dash"),
    "ellipsis": ("三个点改为省略号", "three dots made ……"),
    "cjk-latin-spaces": ("去掉汉字与字母数字间空格", "spaces between Han and Latin removed"),
    "cjk-punctuation-spaces": ("去掉中文标点旁空格", "spaces next to CJK punctuation removed"),
    "collapse-spaces": ("多个空格合一", "runs of spaces collapsed"),
    # not rules of a chain, but named in the trace
    "default": ("无规则判定，按宽度和标点", "no rule answered: width and punctuation"),
    "user": ("人工校对", "decided by the reviewer"),
}

# evidence a rule weighs → (Simplified Chinese, English)
EVIDENCE_TEXT: dict[str, tuple[str, str]] = {
    "Chinese context": ("中文上下文", "Chinese context"),
    "Latin share": ("拉丁字母比例", "Latin share"),
    "blank line": ("空行", "blank line"),
    "blank line before": ("前有空行", "blank line before"),
    "blank lines": ("空行", "blank lines"),
    "credit": ("署名", "credit"),
    "credit pattern": ("署名格式", "credit pattern"),
    "dateline after": ("下接电头", "dateline after"),
    "enumeration": ("编号", "enumeration"),
    "headline shape": ("标题形态", "headline shape"),
    "indent": ("缩进", "indent"),
    "length": ("长度", "length"),
    "letter case": ("大小写", "letter case"),
    "line end": ("行末", "line end"),
    "misread tail": ("末尾误识", "misread tail"),
    "misread dash": ("误识的破折号", "misread dash"),
    "missing blank": ("缺少空行", "missing blank"),
    "open quotation": ("引号未闭合", "open quotation"),
    "paragraph after": ("后接段首", "paragraph after"),
    "paragraph end before": ("前一段已结束", "paragraph end before"),
    "paragraph opening after": ("后接段首行", "paragraph opening after"),
    "punctuation": ("标点", "punctuation"),
    "punctuation compression": ("标点挤压", "punctuation compression"),
    "recent paragraphs": ("前几段", "recent paragraphs"),
    "this paragraph's opening": ("本段段首", "this paragraph's opening"),
    "sentence end": ("句末", "sentence end"),
    "the page's blank lines": ("本页的空行习惯", "the page's blank lines"),
    "width": ("行宽", "width"),
}

DECISION_TEXT: dict[str, tuple[str, str]] = {
    "opened": ("分段（前）", "break before"),
    "closed": ("分段（后）", "break after"),
    "typed": ("类型", "type"),
}


@lru_cache(maxsize=512)
def _traditional(text: str) -> str:
    from digestconv.transforms.variants import convert_text

    return convert_text(text, "zh-Hant")


def _pick(table: dict[str, tuple[str, str]], key: str, language: str) -> str:
    pair = table.get(key)
    if pair is None:
        return key
    if language == "en":
        return pair[1]
    return _traditional(pair[0]) if language == "zh-Hant" else pair[0]


def rule_text(name: str, language: str) -> str:
    """A rule's short description in ``language`` (zh-Hans, zh-Hant, en); its name where none is written."""
    return _pick(RULE_TEXT, name, language)


def evidence_text(word: str, language: str) -> str:
    """One piece of evidence a rule weighs, in ``language``; the word itself where none is written."""
    return _pick(EVIDENCE_TEXT, word, language)


def decision_text(what: str, rule: str, weighs: tuple[str, ...], language: str) -> str:
    """One weighed decision: ``分段（后）：双倍行距中的标题（缺少空行、行宽、标点）``, or in English."""
    comma, colon = (", ", ": ") if language == "en" else ("、", "：")
    evidence = comma.join(evidence_text(w, language) for w in weighs)
    open_, close = (" (", ")") if language == "en" else ("（", "）")
    return f"{_pick(DECISION_TEXT, what, language)}{colon}{rule_text(rule, language)}{open_}{evidence}{close}"
