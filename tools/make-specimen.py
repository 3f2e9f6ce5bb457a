#!/usr/bin/env python3
"""Writes 2021-format specimen reports (plain text, tab-separated tables like
the sample) from tools/specimens.json: consistent figures, then the injected
defects each specimen names. Deterministic: the same spec gives the same file.

usage: tools/make-specimen.py [SPEC.json] [OUT_DIR]
"""
import json
import os
import sys

COLS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"]
T3_ROWS = [
    ("new", "一、本年新收政府信息公开申请数量", None),
    ("carried_over", "二、上年结转政府信息公开申请数量", None),
    ("granted", "（一）予以公开", "三、本年度办理结果"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""),
    ("denied_state_secret", "1.属于国家秘密", "（三）不予公开"),
    ("denied_law", "2.其他法律行政法规禁止公开", ""),
    ("denied_three_safety", "3.危及“三安全一稳定”", ""),
    ("denied_third_party", "4.保护第三方合法权益", ""),
    ("denied_internal", "5.属于三类内部事务信息", ""),
    ("denied_process", "6.属于四类过程性信息", ""),
    ("denied_enforcement_file", "7.属于行政执法案卷", ""),
    ("denied_query", "8.属于行政查询事项", ""),
    ("unable_no_info", "1.本机关不掌握相关政府信息", "（四）无法提供"),
    ("unable_need_creation", "2.没有现成信息需要另行制作", ""),
    ("unable_unclear", "3.补正后申请内容仍不明确", ""),
    ("ignored_complaint", "1.信访举报投诉类申请", "（五）不予处理"),
    ("ignored_repeat", "2.重复申请", ""),
    ("ignored_publication", "3.要求提供公开出版物", ""),
    ("ignored_massive", "4.无正当理由大量反复申请", ""),
    ("ignored_confirm", "5.要求行政机关确认或重新出具已获取信息", ""),
    ("other_overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
    ("other_overdue_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", ""),
    ("other_other", "3.其他", ""),
    ("results_total", "（七）总计", ""),
    ("carried_forward", "四、结转下年度继续办理", None),
]
OUTCOMES = [r[0] for r in T3_ROWS[2:23]]
PARTS = {
    "overview": "一、总体情况",
    "active_disclosure": "二、主动公开政府信息情况",
    "applications": "三、收到和处理政府信息公开申请情况",
    "review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other_matters": "六、其他需要报告的事项",
}


def figures(seed, carry=None):
    """Consistent table 三 and 四 figures derived from a small seed; `carry`:
    the carried-over figures per applicant column (last year's carried forward)."""
    t3 = {}
    for c, col in enumerate(COLS):
        base = (seed * (c + 3)) % 7 if c else 10 + seed
        for k, row in enumerate(OUTCOMES):
            t3[(row, col)] = base if row == "granted" else (1 if (k + c + seed) % 5 == 0 and base else 0)
        total = sum(t3[(r, col)] for r in OUTCOMES)
        t3[("results_total", col)] = total
        t3[("carried_over", col)] = carry[c] if carry else base % 3
        t3[("carried_forward", col)] = base % 2
        t3[("new", col)] = total + t3[("carried_forward", col)] - t3[("carried_over", col)]
    for row, _, _ in T3_ROWS:
        t3[(row, "total")] = sum(t3[(row, c)] for c in COLS)
    t4 = []
    for g in range(3):
        parts = [(seed + g) % 4, g, 1, (seed + 2 * g) % 3]
        t4 += parts + [sum(parts)]
    return t3, t4


def flat_figures(values, row, seed, spaced):
    """A row's figures run together; `spaced`: as copy-paste leaves them, a
    space at some cell boundaries and not at others ("20 0 00 0 121"), plain,
    no-break (a page's &nbsp;) or ideographic."""
    if not spaced:
        return "".join(values)
    spaces = [" ", "\u00a0", "\u3000"]
    return "".join(x + (spaces[(row + k) % 3] if ((row + 1) * (k + 2) + seed) % 4 == 0 and k + 1 < len(values) else "")
                   for k, x in enumerate(values))


def render(spec):
    pairs = [x.split(":", 1) if ":" in x else (x, "") for x in spec.get("defects", [])]
    d = dict(pairs)
    assert len(d) == len(pairs), f"{spec['name']}: a defect named twice (join replace edits with ;;)"
    seed = spec.get("seed", 1)
    year = spec.get("year", 2024)
    t3, t4 = figures(seed, [int(x) for x in d["carry"].split(",")] if "carry" in d else None)
    cell_text = {}
    for key, value in d.items():
        if key in ("set", "blank", "text"):
            for item in value.split(";"):
                row, col, *val = item.split("/")
                cell_text[(row, col)] = {"set": val[0] if val else "", "blank": "", "text": val[0] if val else "无"}[key]
    if "break_t4" in d:
        t4[4] += 1

    def v(row, col):
        return cell_text.get((row, col), str(t3[(row, col)]))

    out = ["", f"{spec['agency']}{year}年政府信息公开工作年度报告", "",
           f"本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》编制。"
           f"本报告所列数据的统计期限为{year}年1月1日至{year}年12月31日。", ""]
    headings = dict(PARTS)
    for item in d.get("rename_part", "").split(";"):
        if item:
            pid, text = item.split("=")
            headings[pid] = text
    order = list(PARTS)
    if "swap_parts" in d:
        a, b = d["swap_parts"].split(",")
        i, j = order.index(a), order.index(b)
        order[i], order[j] = order[j], order[i]
    drop_parts = set(d.get("drop_part", "").split(","))
    drop_rows = set(d.get("drop_row", "").split(","))
    renamed_rows = dict(x.split("=") for x in d.get("rename_row", "").split(";") if x)
    for pid in order:
        if pid in drop_parts:
            continue
        out += [headings[pid], ""]
        if pid == "overview":
            out += [f"{year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息{seed * 40}条。"
                    f"全年共收到政府信息公开申请{v('new', 'total')}件，办结{v('results_total', 'total')}件，"
                    f"结转下年度{v('carried_forward', 'total')}件。"
                    "依申请公开办理规范有序；政府信息管理不断加强；政府网站等平台建设持续推进；监督保障措施落实到位。", ""]
            for k in range(int(d.get("long_text", "0"))):  # a long report: several pages before the tables
                out += [f"（{k + 1}）本机关持续加强政府信息公开平台建设，完善信息发布审核流程，"
                        "按照统一部署做好重点领域信息公开，及时回应社会关切，不断提升政务公开工作质量和实效。" * 3, ""]
        elif pid == "active_disclosure" and "trial_table2" in d:  # the 2019 trial layout of table 二
            out += ["第二十条第（一）项\t\t\t", "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
                    f"规章\t0\t0\t{seed}", f"规范性文件\t{seed}\t{seed}\t{seed * 5}",
                    "第二十条第（五）项\t\t\t", "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
                    f"行政许可\t{seed * 10}\t0\t{seed * 100}", "其他对外管理服务事项\t0\t0\t0",
                    "第二十条第（六）项\t\t\t", "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
                    f"行政处罚\t{seed}\t0\t{seed * 10}", "行政强制\t0\t0\t0",
                    "第二十条第（八）项\t\t\t", "信息内容\t上一年项目数量\t本年增/减\t", "行政事业性收费\t1\t0\t",
                    "第二十条第（九）项\t\t\t", "信息内容\t采购项目数量\t采购总金额\t", "政府集中采购\t3\t12.5\t", ""]
        elif pid == "active_disclosure" and "drop_table:active_disclosure" not in spec.get("defects", []):
            table2 = ["第二十条第（一）项\t\t\t", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
                    f"规章\t0\t0\t{seed}", f"行政规范性文件\t{seed}\t0\t{seed * 5}",
                    "第二十条第（五）项\t\t\t", "信息内容\t本年处理决定数量\t\t", f"行政许可\t{seed * 100}\t\t",
                    "第二十条第（六）项\t\t\t", "信息内容\t本年处理决定数量\t\t", f"行政处罚\t{seed * 10}\t\t",
                    "行政强制\t0\t\t", "第二十条第（八）项\t\t\t", "信息内容\t本年收费金额（单位：万元）",
                    f"行政事业性收费\t{seed}.5"]
            if "flatten_table2" in d:  # a web archiver's text: the whole table on one line, cells run together
                table2 = ["".join(line.replace("\t", "") for line in table2)]
            out += table2 + [""]
        elif pid == "applications" and "drop_table:applications" not in spec.get("defects", []):
            out += ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况\t\t\t\t\t\t",
                    "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
                    "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t"]
            flat = []
            for row, label, group in T3_ROWS:
                if row in drop_rows:
                    continue
                label = renamed_rows.get(row, label)
                lead = [label, "", ""] if group is None else ([group, label, ""] if not label[0].isdigit() else [group, "", label])
                if row == "results_total":
                    lead = ["", label, ""]
                values = [v(row, c) for c in COLS + ["total"]]
                if "single_other" in d and row.startswith("other_"):  # the 2019 trial's single （六） row
                    if row != "other_overdue_correction":
                        continue
                    lead = ["（六）其他处理", "", ""]
                    values = [str(sum(int(v(r, c)) for r in ("other_overdue_correction", "other_overdue_fee", "other_other")))
                              for c in COLS + ["total"]]
                    if d["single_other"] == "over":  # one application too many: （七）总计 no longer sums
                        values = [str(int(values[0]) + 1)] + values[1:-1] + [str(int(values[-1]) + 1)]
                if row == d.get("short_row"):
                    values = values[:-1]
                if "extra_column" in d:
                    values.append("0")
                if "flatten_table" in d:  # a web archiver's text: labels and digits run together
                    flat.append("".join(x for x in lead if x) + flat_figures(values, len(flat), seed, "flatten_spaces" in d))
                elif row == d.get("detach_label"):  # a converter wrapped the label onto lines of its own
                    out += [label[:len(label) // 2], "\t".join(["", "", ""] + values), label[len(label) // 2:]]
                elif row == d.get("drop_label"):  # the label got lost: figures only
                    out.append("\t".join(["", "", ""] + values))
                else:
                    out.append("\t".join(lead + values))
            if "extra_row" in d:
                out.append("\t".join(["", d["extra_row"], ""] + ["0"] * 7))
            if flat:
                out.append("".join(flat))
            out.append("")
        elif pid == "review_litigation" and "drop_table:review_litigation" not in spec.get("defects", []):
            out += ["行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t",
                    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
                    "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
                    "\t".join(str(x) for x in t4), ""]
        elif pid == "problems":
            out += ["本机关政府信息公开工作仍存在一些不足：一是政策解读形式比较单一，图解、视频等解读产品偏少；"
                    "二是依申请公开办理的规范化水平有待提高，答复文书格式不够统一；三是基层工作人员业务能力仍需加强。", "",
                    "下一步，本机关将丰富政策解读形式，规范依申请公开办理流程和答复文书，加强业务培训，持续改进政务公开工作。", ""]
        elif pid == "other_matters":
            out += [f"本年度未收取信息处理费。", ""]
    text = "\n".join(out) + "\n"
    for item in d.get("replace", "").split(";;"):  # free text edits: OLD=>NEW
        if item:
            old, new = item.split("=>")
            assert old in text, old
            text = text.replace(old, new)
    return text


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    spec_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "specimens.json")
    out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "corpus", "specimens")
    with open(spec_path, encoding="utf-8") as f:
        specs = json.load(f)
    for spec in specs:
        with open(os.path.join(out_dir, spec["name"] + ".txt"), "w", encoding="utf-8") as f:
            f.write(render(spec))


if __name__ == "__main__":
    main()
