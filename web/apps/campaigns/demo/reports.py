"""A demo unit's yearly 绩效情况说明, written from its figures in the five-part outline."""

from __future__ import annotations

from decimal import Decimal

from apps.campaigns.demo.catalogue import DemoUnit, Figures

PROBLEMS = (
    "部分项目绩效目标设置不够细化，量化指标偏少",
    "个别项目资金支付进度偏慢，年末结转资金较多",
)
SUGGESTIONS = (
    "细化项目绩效目标，增加可量化、可考核的指标",
    "加强预算执行监控，按月通报资金支付进度",
)


def _pct(part: Decimal, whole: Decimal) -> str:
    return f"{(part / whole * 100).quantize(Decimal('0.01'))}%"


def report_text(unit: DemoUnit, year: int, f: Figures) -> str:
    functional = "，".join(f"{name}{amount}万元" for name, amount in f.functional)
    change = f.three_total - f.three_before
    direction = "减少" if change < 0 else "增加"
    trend = "下降" if change < 0 else "增长"
    lines = [
        f"{unit.name}{year}年度绩效情况说明",
        "",
        f"根据{unit.region if unit.region != '市本级' else '市'}财政部门关于开展{year}年度"
        "部门整体支出绩效评价工作的通知要求，现将本单位绩效自评情况报告如下：",
        "",
        "一、部门概况",
        "",
        f"{unit.name}是{'市' if unit.region == '市本级' else unit.region}所属预算单位，"
        "内设办公室、财务股和业务股室，主要职责是做好本行业的规划、管理和服务工作。",
        "",
        "二、整体支出基本情况",
        "",
        f"{year}年度，本单位年初预算数{f.initial}万元，全年预算数{f.adjusted}万元，"
        f"全年执行数{f.executed}万元，预算执行率{f.rate}%。",
        "",
        f"全年支出合计{f.total}万元，其中基本支出{f.basic}万元，占{_pct(f.basic, f.total)}；"
        f"项目支出{f.project}万元，占{_pct(f.project, f.total)}。按支出功能分类：{functional}。",
        "",
        f"基本支出{f.basic}万元，其中：人员经费{f.personnel}万元，主要用于在职人员工资福利和"
        f"社会保障缴费；公用经费{f.public}万元，主要用于办公费、水电费和差旅费等。",
        "",
        f"{year}年“三公”经费支出{f.three_total}万元，较上年{direction}{abs(change)}万元，"
        f"{trend}{_pct(abs(change), f.three_before)}。其中：因公出国（境）费{f.overseas}万元；"
        f"公务用车购置及运行维护费{f.vehicle}万元；公务接待费{f.reception}万元。",
        "",
        "三、评价过程及绩效分析",
        "",
        "本单位成立绩效自评工作小组，对照年初绩效目标逐项核实完成情况。全年各项重点工作"
        "按计划完成，服务对象满意度调查结果良好。",
        "",
        "四、存在的问题及建议",
        "",
        *(f"{n}. {text}。" for n, text in enumerate(PROBLEMS, start=1)),
        "",
        "五、评价结论",
        "",
        f"经综合评价，本单位{year}年度部门整体支出绩效自评得分{f.self_score}分，"
        f"等级为“{f.grade}”。",
        "",
    ]
    return "\n".join(lines)
