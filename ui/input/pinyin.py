"""Pinyin input (拼音输入): the letters a resident types on the on-screen keyboard become
Chinese candidates to pick from.

No Qt here. The index behind the lookups comes from pypinyin's data (every character's
readings and its phrase list) plus the kiosk lexicon below; it is built once per process, on
first use or ahead of time with `PinyinEngine.prepare_in_background`, and shared by every
engine.

How `PinyinEngine.candidates` ranks, best first:

1. The letters are cut into tokens: a full syllable (``ren``), an initial (``r``, ``zh``, so
   ``rml`` works), or, for the last token only, the start of a syllable (``zhon``). A cut
   costs one point per token that is not a full syllable, and one more for far-fetched joins
   (an initial before a vowel, as in d'e; a bare a, o or e after another syllable, as in
   cha'o'yang). A full last syllable may also be read as the start of a longer one for one
   point, so ``renmi`` already offers 人民 while the resident is still typing.
2. Single characters outside GB2312 (rare or traditional) come after everything else.
3. Candidates that use up all the letters come before those that leave some for the next
   pick (see `PinyinEngine.consume`).
4. Then cheaper cuts first (``xian`` has two free ones: xian and xi'an).
5. Then phrases, longer first, before single characters for the first syllable; single
   characters of GB2312 level 1 (the 3755 common ones, 0xB0A1–0xD7F9) before level 2.
6. Ties: words of the kiosk lexicon (addresses, places, public services) before pypinyin's
   phrases, and readings with fewer tokens first; among single characters, the address
   characters (路 街 号 楼 室 区 市 ...) first, then characters whose main reading this is,
   then everyday characters (a hand-picked list, since pypinyin carries no frequencies),
   then those found in more of pypinyin's phrases.

pypinyin's phrase list only holds phrases needed to read polyphonic characters right, so it
lacks everyday words such as 人民 or 西安; the kiosk lexicon fills in the words residents type
here.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

log = logging.getLogger(__name__)

# Mandarin initials, typed alone as a stand-in for a whole syllable ("rml" for 人民路).
INITIALS = frozenset(
    {"b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x"}
    | {"zh", "ch", "sh", "r", "z", "c", "s", "y", "w"}
)

# Single characters residents type most at a kiosk (addresses); they lead their syllable's
# list, in this order (so "lu" offers 路 before 陆, "xiang" 乡 before 巷).
ADDRESS_CHARACTERS = "路街号楼室区市县镇村栋单元层幢座乡巷组省州院园苑户"

# Everyday characters, the most used first, then a second set in no particular order; they
# lead the characters of their syllable, so "shi" offers 是 and "de" 的 on the first page.
MOST_USED_CHARACTERS = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下"
    "自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部"
    "其些主样理心她本前开但因只从想实日"
)
EVERYDAY_CHARACTERS = frozenset(
    "者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应"
    "向头文体相见被利什二等新己制身果加月话合回代内信表化老给世位次度门任常先海通教儿原东"
    "声提立及比员水名真处走各入几口认条平气题活更别打女变四神总何电数安少报才结反受目太量"
    "再感建务做接必场件计管期市直资命山金指许统区保至形社便空决治展马科司五基眼书非则听白"
    "却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术"
    "领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元"
    "证近失转夫令准布始怎呢存未远叫台单影具字爱备连调深商算质团集百需价花华城石级整府离况"
    "请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委查轻易早曾"
    "除农找装广显吧李标谈吃图念六引历首医局专费号尽另周较注语仅考落青随选列红响虽推参古众"
    "房半节土投某案黑划致陈律足态护七兴派孩验责营星够章音跟志底站严例防族供效续施留讲型料"
    "终答紧黄绝奇察母京段依批群项故按河米围江织害双境客纪采举攻父苏密低朝友诉止细愿千值仍"
    "男钱破网热助育属坐限船脸职速刻乐否刚毛状率独球般普怕校苦创假久错承印晚试拿脑预谁益阳"
    "若哪继送急血伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福欢获停木游龙树层冷洲冲略"
    "室异汉村演简卡判担州静退衣您积余痛检差富灵角占配修皮胜降审坚善妈刘读啊超免压银买养执"
    "副乱帮宣岁航优怪香田铁税左右份穿艺背草脚块敢守酒岛户洋哥索胡款靠评版宝座景顾弟登货互"
    "付慢换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架沙掉鱼杂误湾吉减编测败屋跑梦散温困"
    "渐救贵缺楼县尚移娘朋画班耳短掌遗固席松谢遇康虑幸均销钟诗藏赶剧票损忽旧端探湖录叶春乡"
    "附吸礼港雨呀板庭妇归睛饭额含顺输招婚脱补督油疗旅材笔词择寻厂睡烟卖健堂旁宫喝借禁阴园"
    "抓荣姑孙逃牙跳顶玉镇雪午练爷篇肉嘴馆洞卷牛宁纸训私庄祖丝翻森握戏熟骨访弱歌店软典伙盘"
    "爸盖稳忘亿拥齐赛曲刀床迎冰玩窗醒妻透购替努休虎途绿兄套毕谷轮库街促延震甲伟川申缓闪售"
    "灯针抱鼓纯夏页筑折郑吴秀混染盛舞圆姓秋培迷诚宽猛摆梅伸末拍丁赵尖栋幢巷号码租补贴领"
)

# Words typed at the kiosk that pypinyin's phrase list lacks or that must come first.
_KIOSK_WORDS_TEXT = """
    单元 小区 社区 街道 大街 大道 胡同 新村 花园 公寓 大厦 广场 家园 村委会 居委会
    开发区 高新区 新区 工业园 工业区 自治区 自治州 自治县 东路 西路 南路 北路 中路
    朝阳 门牌 门牌号 楼层 地下室 宿舍 号楼 号院 一楼 二楼 三楼 一层 二层 东区 西区 南区 北区
    人民路 中山路 解放路 建设路 和平路 胜利路 新华路 长江路 黄河路 文化路 光明路 幸福路
    友谊路 团结路 红旗路 青年路 健康路 迎宾路 滨江路 环城路 朝阳路 中华路 复兴路 民主路
    工农路 学府路 人民大道 中山大道 解放大道 人民东路 人民西路 人民南路 人民北路
    北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南
    湖北 湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆
    香港 澳门 石家庄 太原 沈阳 长春 哈尔滨 南京 杭州 合肥 福州 南昌 济南 郑州 武汉
    长沙 广州 海口 成都 贵阳 昆明 西安 兰州 西宁 呼和浩特 南宁 拉萨 银川 乌鲁木齐
    大连 青岛 宁波 厦门 深圳 苏州 无锡 佛山 东莞 珠海 温州 烟台 洛阳 桂林 三亚
    人民 中国 中华 政府 政务 服务 办理 申请 申领 补领 证明 身份证 居民身份证 户口 户籍
    居住证 社保 医保 社会保险 医疗保险 公积金 住房公积金 养老 养老金 退休 老年人
    残疾人 残疾人证 低保 救助 补贴 津贴 优待证 结婚 离婚 出生 死亡 登记 注销 营业执照
    企业 个体 工商户 驾驶证 行驶证 护照 通行证 签注 不动产 房产 公租房 廉租房 住房 租房
    租赁 学校 医院 银行 电话 手机 号码 手机号码 地址 住址 户籍地址 姓名 性别 民族 汉族
    出生日期 工作单位 联系人 联系电话 家庭 父亲 母亲 配偶 子女 儿子 女儿 孩子 老人
    同志 我们 你们 他们 什么 谢谢 你好 没有 可以 不是 现在 今天 明天 昨天 时间
"""
KIOSK_WORDS: tuple[str, ...] = tuple(_KIOSK_WORDS_TEXT.split())

_MAX_SYLLABLE_LETTERS = 6  # "zhuang" is the longest Mandarin syllable
_CUT_BEAM = 16  # cuts kept per position; more only adds far-fetched readings
_MAX_WORD_READINGS = 16  # reading combinations kept for one lexicon word
_ALIASES = {"lue": "lve", "nue": "nve"}  # ü typed as u where it cannot be confused


@cache  # asked hundreds of thousands of times while the index is built
def gb2312_level(char: str) -> int:
    """1 for GB2312's common characters, 2 for its second level, 3 for everything else."""
    try:
        encoded = char.encode("gb2312")
    except UnicodeEncodeError:
        return 3
    if len(encoded) != 2:
        return 3
    code = encoded[0] << 8 | encoded[1]
    if 0xB0A1 <= code <= 0xD7F9:
        return 1
    if 0xD8A1 <= code <= 0xF7FE:
        return 2
    return 3


@cache  # a few thousand distinct readings, met again and again
def toneless(reading: str) -> str:
    """A tone-marked reading ("lǜ") as typed letters ("lv"): ü is v, tone marks dropped."""
    decomposed = unicodedata.normalize("NFD", reading.strip().lower()).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _is_shown_han(char: str) -> bool:
    """CJK characters of the Basic Multilingual Plane (the kiosk font lacks most others)."""
    code = ord(char)
    return 0x3400 <= code <= 0x9FFF or code == 0x3007


@dataclass(frozen=True, slots=True)
class _Token:
    """One piece of a cut: a full syllable, or letters standing for any syllable they start."""

    end: int  # index in the cleaned letters just past this token
    text: str
    syllable: str | None  # None for an initial or the start of a syllable

    def matches(self, syllable: str) -> bool:
        if self.syllable is not None:
            return syllable == self.syllable
        return syllable.startswith(self.text)


@dataclass(frozen=True, slots=True)
class _Cut:
    tokens: tuple[_Token, ...]
    cost: int  # tokens that are not full syllables


@dataclass(frozen=True, slots=True)
class _Phrase:
    word: str
    syllables: tuple[str, ...]
    order: tuple[int, ...]  # tie-break among phrases of equal length and coverage


@dataclass(frozen=True, slots=True)
class _Candidate:
    text: str
    end: int  # letters used up when this candidate is picked
    key: tuple[int, ...]


class _Index:
    """Characters by syllable and phrases by initials, ready for lookups of a few ms."""

    def __init__(self) -> None:
        started = time.perf_counter()
        self.readings = _character_readings()
        syllables = {s for readings in self.readings.values() for s in readings}
        # A full syllable has a vowel; "n", "ng", "hm" are interjections, reached as initials.
        self.full_syllables = frozenset(s for s in syllables if set(s) & set("aeiouv"))
        self.partials = frozenset(s[:i] for s in syllables for i in range(1, len(s)))
        self._syllables_starting: dict[str, tuple[str, ...]] = {}
        for syllable in sorted(syllables):
            for i in range(1, len(syllable) + 1):
                start = syllable[:i]
                self._syllables_starting[start] = (
                    *self._syllables_starting.get(start, ()),
                    syllable,
                )
        phrases = self._collect_phrases(syllables)
        uses: Counter[tuple[str, str]] = Counter()
        for word, spelled in phrases:
            uses.update(zip(word, spelled, strict=True))
        self._chars = self._rank_characters(uses)
        self.word_readings: dict[str, list[tuple[str, ...]]] = {}
        self.phrases = self._bucket_phrases(phrases, uses)
        self.longest_phrase = max(len(p.syllables) for v in self.phrases.values() for p in v)
        self._prefix_chars: dict[str, list[tuple[tuple[int, ...], str]]] = {}
        for initial in INITIALS:  # warmed here so the first "r" or "zh" is as quick as later
            self.chars_for(_Token(len(initial), initial, None))
        self.build_seconds = time.perf_counter() - started

    def _collect_phrases(self, syllables: set[str]) -> dict[tuple[str, tuple[str, ...]], int]:
        """Every (word, reading) with its source: 0 for the kiosk lexicon, 1 for pypinyin.

        pypinyin phrases with characters outside GB2312 are left out: they are traditional
        or rare, and a resident would only meet them as noise.
        """
        from pypinyin.phrases_dict import phrases_dict

        phrases: dict[tuple[str, tuple[str, ...]], int] = {}
        for word in KIOSK_WORDS:
            for spelled in self._word_readings(word):
                phrases.setdefault((word, spelled), 0)
        for word, marked in phrases_dict.items():
            if len(marked) != len(word) or any(gb2312_level(c) == 3 for c in word):
                continue
            spelled = tuple(toneless(r[0]) for r in marked)
            if all(s in syllables for s in spelled):
                phrases.setdefault((word, spelled), 1)
        return phrases

    def _rank_characters(
        self, uses: Counter[tuple[str, str]]
    ) -> dict[str, list[tuple[tuple[int, ...], str]]]:
        """Each syllable's characters, most common first, each with its ranking key."""
        by_syllable: dict[str, list[tuple[tuple[int, ...], str]]] = {}
        for char, readings in self.readings.items():
            for position, syllable in enumerate(readings):
                rank = self._char_key(char, position, uses[char, syllable])
                by_syllable.setdefault(syllable, []).append((rank, char))
        return {syllable: sorted(entries) for syllable, entries in by_syllable.items()}

    def _bucket_phrases(
        self, phrases: dict[tuple[str, tuple[str, ...]], int], uses: Counter[tuple[str, str]]
    ) -> dict[str, list[_Phrase]]:
        """Phrases by the first letters of their syllables ("rml" for 人民路), best first."""
        by_initials: dict[str, list[_Phrase]] = {}
        for (word, spelled), source in phrases.items():
            worst_level = max(gb2312_level(c) for c in word)
            popularity = sum(uses[c, s] for c, s in zip(word, spelled, strict=True))
            phrase = _Phrase(word, spelled, (source, worst_level, -popularity))
            by_initials.setdefault("".join(s[0] for s in spelled), []).append(phrase)
            self.word_readings.setdefault(word, []).append(spelled)
        return {k: sorted(v, key=lambda p: p.order) for k, v in by_initials.items()}

    def _word_readings(self, word: str) -> list[tuple[str, ...]]:
        """pypinyin's reading of a lexicon word first, then other readings of its characters.

        Every reading is kept so that e.g. 朝阳路 is found by both zhaoyang and chaoyang.
        """
        from pypinyin import Style, lazy_pinyin

        first = tuple(toneless(r) for r in lazy_pinyin(word, style=Style.NORMAL))
        options = [self.readings.get(c, ()) for c in word]
        others = itertools.islice(itertools.product(*options), _MAX_WORD_READINGS)
        return [r for r in dict.fromkeys([first, *others]) if len(r) == len(word)]

    @staticmethod
    def _char_key(char: str, position: int, uses: int) -> tuple[int, ...]:
        address_rank = ADDRESS_CHARACTERS.find(char) if position == 0 else -1
        most_used_rank = MOST_USED_CHARACTERS.find(char)
        if most_used_rank < 0:
            most_used_rank = len(MOST_USED_CHARACTERS) + (char not in EVERYDAY_CHARACTERS)
        return (
            gb2312_level(char),
            address_rank if address_rank >= 0 else len(ADDRESS_CHARACTERS),
            min(position, 1),  # the main reading (listed first) before the others
            most_used_rank,
            -uses,
            ord(char),
        )

    def canonical(self, letters: str) -> str | None:
        """The full syllable these letters spell, if they spell one."""
        letters = _ALIASES.get(letters, letters)
        return letters if letters in self.full_syllables else None

    def chars_for(self, token: _Token) -> list[tuple[tuple[int, ...], str]]:
        """Characters the token can stand for, most common first (cached per prefix)."""
        if token.syllable is not None:
            return self._chars.get(token.syllable, [])
        cached = self._prefix_chars.get(token.text)
        if cached is None:
            best: dict[str, tuple[int, ...]] = {}
            for syllable in self._syllables_starting.get(token.text, ()):
                for key, char in self._chars.get(syllable, []):
                    if char not in best or key < best[char]:
                        best[char] = key
            cached = sorted((key, char) for char, key in best.items())
            self._prefix_chars[token.text] = cached
        return cached

    def phrases_for(self, head: tuple[_Token, ...], limit: int) -> list[_Phrase]:
        """The best `limit` phrases whose syllables the tokens can stand for."""
        found: list[_Phrase] = []
        for phrase in self.phrases.get("".join(t.text[0] for t in head), []):
            if all(t.matches(s) for t, s in zip(head, phrase.syllables, strict=True)):
                found.append(phrase)
                if len(found) >= limit:
                    break
        return found

    def positional_readings(self, word: str) -> list[set[str]]:
        """For each character of the word, every reading it may have in this word."""
        found = [set(self.readings.get(c, ())) for c in word]
        for syllables in self.word_readings.get(word, []):
            for position, syllable in enumerate(syllables):
                found[position].add(syllable)
        return found


def _character_readings() -> dict[str, tuple[str, ...]]:
    """Every character the kiosk can show, with its toneless readings, main reading first."""
    from pypinyin.pinyin_dict import pinyin_dict

    found: dict[str, tuple[str, ...]] = {}
    for code, joined in pinyin_dict.items():
        char = chr(code)
        if _is_shown_han(char):
            readings = dict.fromkeys(toneless(r) for r in joined.split(","))
            found[char] = tuple(r for r in readings if r.isascii() and r.isalpha())
    return found


class _SharedIndex:
    """Builds the index once per process, whichever thread asks first; others wait."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._index: _Index | None = None
        self._building = False

    def build_in_background(self) -> None:
        if self._index is None and not self._building:
            self._building = True
            threading.Thread(target=self.get, name="pinyin-index", daemon=True).start()

    def get(self) -> _Index:
        index = self._index
        if index is None:
            with self._lock:
                if self._index is None:
                    self._index = _Index()
                    log.info("pinyin index built in %.2f s", self._index.build_seconds)
                index = self._index
        return index

    def is_built(self) -> bool:
        return self._index is not None


_SHARED = _SharedIndex()


def _clean(letters: str) -> str:
    """Lower-case letters and apostrophes (the syllable separator); anything else dropped."""
    return "".join(c for c in letters.lower() if ("a" <= c <= "z") or c == "'")


class PinyinEngine:
    """Turns typed pinyin letters into Chinese candidates; see the module doc for the ranking.

    Engines are cheap: they share one index per process. Use one engine per thread.
    """

    def __init__(self) -> None:
        # What the last candidates used up, so `consume` agrees with what was shown.
        self._last_ends: tuple[str, dict[str, int]] = ("", {})

    def prepare(self) -> float:
        """Builds the index now if no one has; returns how long the build took, in seconds."""
        return _SHARED.get().build_seconds

    def prepare_in_background(self) -> None:
        """Starts building the index on a worker thread, so the first lookup waits less."""
        _SHARED.build_in_background()

    def is_ready(self) -> bool:
        return _SHARED.is_built()

    def candidates(self, letters: str, limit: int = 24) -> list[str]:
        """Chinese words and characters the letters may stand for, best first."""
        cleaned = _clean(letters)
        ranked = self._ranked(cleaned, limit) if limit > 0 else []
        self._last_ends = (cleaned, {c.text: c.end for c in ranked})
        return [c.text for c in ranked]

    def consume(self, letters: str, candidate: str) -> str:
        """The letters left for the next pick once the resident has picked `candidate`.

        Raises ValueError when the candidate cannot be read from the letters (a caller bug).
        """
        cleaned = _clean(letters)
        shown_for, ends = self._last_ends
        if shown_for == cleaned and candidate in ends:
            return cleaned[ends[candidate] :].lstrip("'")
        index = _SHARED.get()
        allowed = index.positional_readings(candidate)
        if not allowed or any(not readings for readings in allowed):
            raise ValueError(f"{candidate!r} has no pinyin")
        for cut in self._cuts(index, cleaned):
            head = cut.tokens[: len(candidate)]
            if len(head) == len(candidate) and all(
                any(token.matches(r) for r in readings)
                for token, readings in zip(head, allowed, strict=True)
            ):
                return cleaned[head[-1].end :].lstrip("'")
        raise ValueError(f"{candidate!r} does not match {letters!r}")

    def _ranked(self, letters: str, limit: int) -> list[_Candidate]:
        index = _SHARED.get()
        best: dict[str, _Candidate] = {}

        def offer(text: str, end: int, key: tuple[int, ...]) -> None:
            known = best.get(text)
            if known is None or key < known.key:
                best[text] = _Candidate(text, end, key)

        matched: dict[tuple[_Token, ...], list[_Phrase]] = {}  # cuts share their first tokens
        for cut in self._cuts(index, letters):
            count = len(cut.tokens)
            for length in range(min(count, index.longest_phrase), 1, -1):
                head = cut.tokens[:length]
                if head not in matched:
                    matched[head] = index.phrases_for(head, limit)
                for phrase in matched[head]:
                    rank = (0, int(length < count), cut.cost, 0, -length, count, *phrase.order)
                    offer(phrase.word, head[-1].end, rank)
            first = cut.tokens[0]
            for char_key, char in index.chars_for(first)[:limit]:
                level = char_key[0]
                rank = (int(level == 3), int(count > 1), cut.cost, level, -1, count, *char_key)
                offer(char, first.end, rank)
        return sorted(best.values(), key=lambda c: c.key)[:limit]

    @staticmethod
    def _cuts(index: _Index, letters: str) -> list[_Cut]:
        """Ways to read the letters as tokens, cheapest first.

        When the letters cannot all be read ("renv"), the cuts of the longest readable start
        are returned, so the resident still gets candidates for it.
        """
        size = len(letters)
        at: list[list[_Cut]] = [[] for _ in range(size + 1)]
        at[0] = [_Cut((), 0)]
        for start in range(size):
            if not at[start]:
                continue
            at[start] = sorted(at[start], key=lambda c: (c.cost, len(c.tokens)))[:_CUT_BEAM]
            if letters[start] == "'":
                at[start + 1].extend(at[start])
                continue
            for end in range(start + 1, min(start + _MAX_SYLLABLE_LETTERS, size) + 1):
                for token, cost in _tokens(index, letters[start:end], end, end == size):
                    at[end].extend(
                        _Cut((*c.tokens, token), c.cost + cost + _join_cost(c.tokens, token))
                        for c in at[start]
                    )
        for end in range(size, 0, -1):
            readable = [c for c in at[end] if c.tokens]
            if readable:
                return sorted(readable, key=lambda c: (c.cost, len(c.tokens)))[:_CUT_BEAM]
        return []


def _tokens(index: _Index, piece: str, end: int, last: bool) -> Iterable[tuple[_Token, int]]:
    """The tokens a piece of the letters can be, each with its cost."""
    syllable = index.canonical(piece)
    if syllable is not None:
        yield _Token(end, piece, syllable), 0
    if piece in INITIALS or (last and piece in index.partials):
        yield _Token(end, piece, None), 1


def _join_cost(before: tuple[_Token, ...], token: _Token) -> int:
    """One point for a join few residents mean: d'e for "de", cha'o'yang for "chaoyang"."""
    if not before:
        return 0
    if before[-1].syllable is None and token.text[0] in "aeiouv":
        return 1
    if before[-1].text in ("z", "c", "s") and token.text[0] == "h":
        return 1  # z'huang is almost always zhuang
    return int(token.syllable in ("a", "o", "e"))
