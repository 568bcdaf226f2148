"""The prefecture's counties and towns, for the generator (names are pinyin + Chinese)."""

from __future__ import annotations

from dataclasses import dataclass

from netops.inventory.choices import CountyKind, Vendor


@dataclass(frozen=True)
class CountyInfo:
    """A county-level division as the generator sizes it."""

    id: str
    code: str
    name: str
    name_zh: str
    kind: CountyKind
    schools: int
    """School count in the full prefecture (sums to 1,718)."""
    senior_highs: int
    rural: float
    """Share of village teaching points among the county's basic schools."""
    aggregation_vendor: Vendor
    towns: tuple[tuple[str, str], ...]


C, K, N = CountyKind.CITY, CountyKind.COUNTY, CountyKind.NEW_AREA
HW, H3 = Vendor.HUAWEI, Vendor.H3C

#: Counties in plan order; Xingyi, the prefecture seat, is the largest.
COUNTIES: tuple[CountyInfo, ...] = (
    CountyInfo(
        "xingyi",
        "xy",
        "Xingyi City",
        "兴义市",
        C,
        330,
        8,
        0.24,
        HW,
        (
            ("Maling", "马岭"),
            ("Jingnan", "敬南"),
            ("Weishe", "威舍"),
            ("Qingshuihe", "清水河"),
            ("Wusha", "乌沙"),
            ("Qishe", "七舍"),
            ("Pengzha", "捧乍"),
            ("Nidang", "泥凼"),
            ("Zhuchangping", "猪场坪"),
            ("Xiongwu", "雄武"),
            ("Zerong", "则戎"),
            ("Canggeng", "仓更"),
            ("Luowan", "洛万"),
            ("Nanpanjiang", "南盘江"),
        ),
    ),
    CountyInfo(
        "xingren",
        "xr",
        "Xingren City",
        "兴仁市",
        C,
        200,
        4,
        0.30,
        H3,
        (
            ("Tunjiao", "屯脚"),
            ("Baling", "巴铃"),
            ("Huilong", "回龙"),
            ("Panjiazhuang", "潘家庄"),
            ("Baide", "百德"),
            ("Xiashan", "下山"),
            ("Dashan", "大山"),
            ("Luchuying", "鲁础营"),
            ("Xinlongchang", "新龙场"),
        ),
    ),
    CountyInfo(
        "anlong",
        "al",
        "Anlong County",
        "安龙县",
        K,
        210,
        4,
        0.34,
        HW,
        (
            ("Wanfenghu", "万峰湖"),
            ("Muza", "木咱"),
            ("Sayu", "洒雨"),
            ("Puping", "普坪"),
            ("Longshan", "龙山"),
            ("Pingle", "平乐"),
            ("Dushan", "笃山"),
            ("Xinglong", "兴隆"),
            ("Getang", "戈塘"),
        ),
    ),
    CountyInfo(
        "zhenfeng",
        "zf",
        "Zhenfeng County",
        "贞丰县",
        K,
        180,
        3,
        0.36,
        H3,
        (
            ("Longchang", "龙场"),
            ("Zhexiang", "者相"),
            ("Beipanjiang", "北盘江"),
            ("Baiceng", "白层"),
            ("Lugong", "鲁贡"),
            ("Xiaotun", "小屯"),
            ("Changtian", "长田"),
            ("Pingjie", "平街"),
            ("Shaping", "沙坪"),
            ("Wanlan", "挽澜"),
        ),
    ),
    CountyInfo(
        "puan",
        "pa",
        "Pu'an County",
        "普安县",
        K,
        160,
        3,
        0.38,
        HW,
        (
            ("Louxia", "楼下"),
            ("Qingshan", "青山"),
            ("Guanziyao", "罐子窑"),
            ("Digua", "地瓜"),
            ("Jiangxipo", "江西坡"),
            ("Gaomian", "高棉"),
            ("Longyin", "龙吟"),
            ("Xindian", "新店"),
        ),
    ),
    CountyInfo(
        "qinglong",
        "ql",
        "Qinglong County",
        "晴隆县",
        K,
        150,
        3,
        0.38,
        H3,
        (
            ("Shazi", "沙子"),
            ("Bihen", "碧痕"),
            ("Dachang", "大厂"),
            ("Jichang", "鸡场"),
            ("Huagong", "花贡"),
            ("Zhongying", "中营"),
            ("Guangzhao", "光照"),
            ("Machang", "马场"),
        ),
    ),
    CountyInfo(
        "ceheng",
        "ch",
        "Ceheng County",
        "册亨县",
        K,
        140,
        2,
        0.40,
        HW,
        (
            ("Rongdu", "冗渡"),
            ("Yata", "丫他"),
            ("Qiaoma", "巧马"),
            ("Yangba", "秧坝"),
            ("Yanjia", "岩架"),
            ("Badu", "八渡"),
            ("Biyou", "弼佑"),
            ("Pomei", "坡妹"),
        ),
    ),
    CountyInfo(
        "wangmo",
        "wm",
        "Wangmo County",
        "望谟县",
        K,
        190,
        3,
        0.42,
        H3,
        (
            ("Zhexiang", "蔗香"),
            ("Sanglang", "桑郎"),
            ("Shitun", "石屯"),
            ("Leyuan", "乐元"),
            ("Dayi", "打易"),
            ("Jiaona", "郊纳"),
            ("Lewang", "乐旺"),
            ("Mashan", "麻山"),
            ("Youmai", "油迈"),
            ("Angwu", "昂武"),
        ),
    ),
    CountyInfo(
        "yilong",
        "yl",
        "Yilong New Area",
        "义龙新区",
        N,
        158,
        3,
        0.30,
        HW,
        (
            ("Dingxiao", "顶效"),
            ("Zhengtun", "郑屯"),
            ("Lutun", "鲁屯"),
            ("Wantun", "万屯"),
            ("Longguang", "龙广"),
            ("Dewo", "德卧"),
            ("Yuzhang", "雨樟"),
            ("Xinqiao", "新桥"),
        ),
    ),
)

#: Syllables for synthetic village names (pinyin, Chinese).
VILLAGE_SYLLABLES: tuple[tuple[str, str], ...] = (
    ("Na", "那"),
    ("Po", "坡"),
    ("Ba", "坝"),
    ("Zhai", "寨"),
    ("Yan", "岩"),
    ("Long", "龙"),
    ("Tian", "田"),
    ("Shan", "山"),
    ("He", "河"),
    ("Chong", "冲"),
    ("Wan", "湾"),
    ("Ping", "平"),
    ("Shui", "水"),
    ("Ma", "马"),
    ("Lao", "老"),
    ("Xin", "新"),
    ("Da", "大"),
    ("Xiao", "小"),
    ("Gao", "高"),
    ("Bai", "白"),
    ("Hong", "红"),
    ("Qing", "青"),
    ("Song", "松"),
    ("Zhu", "竹"),
)
