package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/template"
	"time"

	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/internal/safefile"
)

const initHelp = `用法 Usage: gongwen init [--preset 版式] 文件.toml

新建一个带中文说明的内容文件，照着改写即可。不会覆盖已有的文件。
Writes a commented starting content file for a layout preset; never overwrites a file.
`

func initFlags(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
	preset := fs.String("preset", "report", "版式名称 layout preset: "+strings.Join(layout.Names(), ", "))
	return func(args []string, stdout, stderr io.Writer) int {
		if len(args) != 1 {
			fmt.Fprintln(stderr, "gongwen init: 需要且只需要一个文件名，例如：gongwen init 工作总结.toml")
			return exitUsage
		}
		file := args[0]
		p, err := layout.Load(*preset)
		if err != nil {
			fmt.Fprintf(stderr, "gongwen init: %v\n", err)
			return exitUsage
		}
		text, err := starter(p, time.Now())
		if err != nil {
			fmt.Fprintf(stderr, "gongwen init: %v\n", err)
			return exitContent
		}
		// O_EXCL: the file is created here or not at all, never overwritten.
		f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			fmt.Fprintf(stderr, "gongwen init: 文件 %s 已经存在，没有改动它；请换一个文件名，或先删除这个文件\n", file)
			return exitUsage
		}
		if err != nil {
			fmt.Fprintf(stderr, "gongwen init: 无法创建文件 %s：%s\n", file, safefile.Reason(err))
			return exitContent
		}
		_, werr := f.Write(text)
		if err := errors.Join(werr, f.Close()); err != nil {
			os.Remove(file)
			fmt.Fprintf(stderr, "gongwen init: 无法写入 %s：%s\n", file, safefile.Reason(err))
			return exitContent
		}
		fmt.Fprintf(stdout, "已新建 %s（版式 %s：%s）\n", file, p.Name, p.Description)
		fmt.Fprintf(stdout, "用文本编辑器打开它，照着说明改写；然后运行：gongwen build %s\n", file)
		return exitOK
	}
}

// starters holds the starting file of each preset that has its own; other presets
// get starterGeneric. Each follows starterIntro and is a text/template with the
// fields Preset, Description, Year and Date.
var starters = map[string]string{
	"report":  starterReport,
	"notice":  starterNotice,
	"request": starterRequest,
	"letter":  starterLetter,
	"minutes": starterMinutes,
}

// starter returns the starting content file for preset p, dated today.
func starter(p *layout.Preset, today time.Time) ([]byte, error) {
	head, ok := starters[p.Name]
	if !ok {
		head = starterGeneric
	}
	t, err := template.New(p.Name).Parse(starterIntro + head)
	if err != nil {
		return nil, fmt.Errorf("起始文件模板有误：%w", err)
	}
	var b bytes.Buffer
	err = t.Execute(&b, map[string]any{
		"Preset":      p.Name,
		"Description": p.Description,
		"Year":        today.Year(),
		"Date":        today.Format("2006-01-02"),
	})
	if err != nil {
		return nil, fmt.Errorf("起始文件模板有误：%w", err)
	}
	return b.Bytes(), nil
}

// starterIntro opens every starting file.
const starterIntro = `# 内容文件（gongwen init 生成；版式 {{.Preset}}：{{.Description}}）
#
# 改写下面的文字，然后运行：
#   gongwen build 本文件.toml    生成同名的 PDF 和 DOCX
#   gongwen watch 本文件.toml    每次保存后自动重新生成
#   gongwen check 本文件.toml    检查标点、编号、数字和日期的写法
#
# 写法要点（完整说明见 gongwen 的 docs/content-format.md）：
#   · 一行写一项：名称 = 值；文字用英文半角双引号 "……" 括起来；# 之后是说明，不影响排版。
#   · 多行文字用三个双引号 """ 括起来；空一行表示分段，段首不用空格。
#   · 章节的编号（一、（一）1.（1））由程序生成，标题里不要手写。
#   · 数字写进 [counts]，正文用 {名称} 引用：同一个数字只写一次，处处一致。
#   · 编辑器补全：在第一行写 #:schema 加上 gongwen 的 docs/content.schema.json 的路径。

`

// starterReport is the starting file of a report or work summary (报告、工作总结).
const starterReport = `layout = "{{.Preset}}"
title = "XX局{{.Year}}年工作总结"      # 标题；要在某处回行就写 \n，如 "XX局\n{{.Year}}年工作总结"
# recipient = "XX委、XX政府"          # 主送机关；需要时删去行首的 #，末尾的“：”自动加上
author = "XX局"                      # 发文机关署名
date = {{.Date}}                     # 成文日期：年-月-日，不加引号，印为“{{.Year}}年X月X日”

# 开头的段落：写在第一个章节之前。
text = """
{{.Year}}年，我局坚持……，全面完成了年度各项工作任务。
现将有关情况报告如下：
"""

# 计数：每个数字写一次。value 数量，unit 单位，label 统计表里的名称，category 分类。
# 正文写 {学习} 就印成“12次”；more = true 印成“100余次”。
[counts]
"学习" = { value = 12, unit = "次", label = "开展集中学习", category = "党建工作" }
"培训" = { value = 4, unit = "次", label = "开展业务培训", category = "业务工作" }
"走访企业" = { value = 30, unit = "家", more = true, label = "走访企业", category = "业务工作" }

# 一级章节（一、）：[[section]] 开始一节；heading 是单独成行的标题，末尾不加句号。
[[section]]
heading = "主要工作开展情况"

  # 二级章节（（一））：写在上一级章节下面。
  # lead 是段首标题：以“。”结尾，和下面正文的第一段排在同一段里。
  [[section.section]]
  lead = "加强理论学习。"
  text = """
全年开展集中学习{学习}，……
"""

  [[section.section]]
  lead = "提升业务能力。"
  text = """
组织开展业务培训{培训}，走访企业{走访企业}，……

空一行，这里是第二段。
"""

[[section]]
heading = "存在的问题"
text = """
一是……；二是……。
"""

[[section]]
heading = "下一步工作计划"

  [[section.section]]
  heading = "围绕中心工作"            # 单独成行的二级标题

    # 三级章节（1.），再下一级是 [[section.section.section.section]]（（1）），最多四级。
    [[section.section.section]]
    lead = "加强统筹协调。"
    text = """
……
"""
`

// starterGeneric is the starting file of a preset without a starter of its own.
const starterGeneric = `layout = "{{.Preset}}"
title = "XX局关于XX工作的XX"          # 标题：发文机关 + 事由 + 文种；要回行就写 \n
recipient = "XX单位"                  # 主送机关；不需要时删去这一行，末尾的“：”自动加上
author = "XX局"                      # 发文机关署名
date = {{.Date}}                     # 成文日期：年-月-日，不加引号，印为“{{.Year}}年X月X日”

# 版式需要时，删去下面行首的 #（各项的写法见 docs/content-format.md）：
# issuer = "XX局"                     # 发文机关标志（版头）
# number = "X发〔{{.Year}}〕1号"         # 发文字号：年份用六角括号〔〕，序号不编虚位
# signers = ["XXX"]                   # 签发人：只用于上行文（请示、报告）
# cc = ["XX单位", "XX单位"]            # 抄送机关（版记）
# printer = "XX局办公室"               # 印发机关
# print_date = {{.Date}}               # 印发日期

text = """
为……，根据……，现就有关事项通知如下：
"""

# 一级章节（一、）：heading 是单独成行的标题，末尾不加句号。
[[section]]
heading = "总体要求"
text = """
……
"""

[[section]]
heading = "工作安排"

  # 二级章节（（一））：lead 是段首标题，以“。”结尾，和正文排在同一段。
  [[section.section]]
  lead = "明确责任分工。"
  text = """
……
"""
`

// starterNotice is the starting file of a 下行文 with a red 版头 (通知、通报、意见).
const starterNotice = `layout = "{{.Preset}}"

# 版头：排在红色分隔线之上。不需要的项删去整行（或在行首加 #）。
copy_no = "000001"                   # 份号：6位阿拉伯数字，不足6位前面补0
# secrecy = "秘密★1年"                # 密级和保密期限：涉密公文才写
# urgency = "加急"                     # 紧急程度：只能是“特急”或“加急”
issuer = "XX局"                      # 发文机关标志：只写机关名称，“文件”二字自动加上
# issuer = ["XX局", "XX局"]            # 联合行文：写成列表，主办机关在前
number = "X发〔{{.Year}}〕1号"          # 发文字号：年份用六角括号〔〕，序号不编虚位、不加“第”

title = "XX局关于做好XX工作的通知"       # 标题：发文机关 + 事由 + 文种；要回行就写 \n
recipient = "各XX单位"                 # 主送机关：末尾的“：”自动加上
author = "XX局"                       # 发文机关署名
date = {{.Date}}                      # 成文日期：年-月-日，不加引号，印为“{{.Year}}年X月X日”
# seal = "印章.png"                    # 印章图片（PNG），压在署名和日期上
note = "联系人：XXX，电话：XXXXXXX"       # 附注：自动加圆括号，排在成文日期下一行

# 版记：排在最后一页的最下面。
cc = ["XX单位", "XX单位"]               # 抄送机关：名称之间不加标点，末尾的句号自动加上
printer = "XX局办公室"                  # 印发机关
print_date = {{.Date}}                 # 印发日期：不早于成文日期，印为“{{.Year}}年X月X日印发”

text = """
为……，根据……，现就有关事项通知如下：
"""

# 一级章节（一、）：heading 是单独成行的标题，末尾不加句号；编号由程序生成。
[[section]]
heading = "总体要求"
text = """
……
"""

[[section]]
heading = "工作安排"

  # 二级章节（（一））：lead 是段首标题，以“。”结尾，和正文排在同一段。
  [[section.section]]
  lead = "明确责任分工。"
  text = """
……
"""

# 附件：正文之后自动排“附件：1.……”。title 是附件名称，末尾不加标点。
# 有 text 的附件另起一页印在文后；没有 text 的只在附件说明中列出。
[[attachment]]
title = "XX工作时间安排"
text = """
……
"""

[[attachment]]
title = "XX工作领导小组成员名单"
`

// starterRequest is the starting file of a 上行文 (请示、报告) with a 签发人.
const starterRequest = `layout = "{{.Preset}}"

# 版头：排在红色分隔线之上。不需要的项删去整行（或在行首加 #）。
copy_no = "000001"                   # 份号：6位阿拉伯数字，不足6位前面补0
# secrecy = "秘密★1年"                # 密级和保密期限：涉密公文才写
urgency = "加急"                      # 紧急程度：只能是“特急”或“加急”；不急就删去这一行
issuer = "XX局"                      # 发文机关标志：只写机关名称，“文件”二字自动加上
number = "X发〔{{.Year}}〕1号"          # 发文字号：年份用六角括号〔〕，序号不编虚位、不加“第”
signers = ["XXX"]                    # 签发人：上行文必须写；只写姓名，不加空格和标点；几位就写几个

title = "XX局关于XX事项的请示"          # 标题：发文机关 + 事由 + 文种；要回行就写 \n
recipient = "XX人民政府"                # 主送机关：请示只写一个主送机关，末尾的“：”自动加上
author = "XX局"                       # 发文机关署名
date = {{.Date}}                      # 成文日期：年-月-日，不加引号，印为“{{.Year}}年X月X日”
# seal = "印章.png"                    # 印章图片（PNG），压在署名和日期上
note = "联系人：XXX，电话：XXXXXXX"       # 附注：上行文应注明联系人和电话，自动加圆括号

# 版记：排在最后一页的最下面。
cc = ["XX单位"]                        # 抄送机关：名称之间不加标点，末尾的句号自动加上
printer = "XX局办公室"                  # 印发机关
print_date = {{.Date}}                 # 印发日期：不早于成文日期

text = """
根据……，结合……实际，现将有关事项请示如下：
"""

# 一级章节（一、）：heading 是单独成行的标题，末尾不加句号；编号由程序生成。
[[section]]
heading = "基本情况"
text = """
……
"""

[[section]]
heading = "请示事项"
text = """
……

妥否，请批示。
"""

# 附件：正文之后自动排“附件：1.……”。title 是附件名称，末尾不加标点。
[[attachment]]
title = "XX事项测算表"
`

// starterLetter is the starting file of a 信函 (函).
const starterLetter = `layout = "{{.Preset}}"

# 版头：信函的发文机关标志距页面上边缘 30 mm，下面是红色双线。
copy_no = "000001"                   # 份号：6位阿拉伯数字，不足6位前面补0
issuer = "XX局"                      # 发文机关标志：信函不加“文件”二字
number = "X函〔{{.Year}}〕1号"          # 发文字号：年份用六角括号〔〕，序号不编虚位、不加“第”

title = "XX局关于商请XX的函"            # 标题：发文机关 + 事由 + 文种；要回行就写 \n
recipient = "XX单位"                   # 主送机关：末尾的“：”自动加上
author = "XX局"                       # 发文机关署名
date = {{.Date}}                      # 成文日期：年-月-日，不加引号，印为“{{.Year}}年X月X日”
note = "联系人：XXX，电话：XXXXXXX"       # 附注：自动加圆括号

# 版记：信函只印抄送机关，不加分隔线。
cc = ["XX单位"]                        # 抄送机关：末尾的句号自动加上

text = """
为……，现商请贵单位……，具体事项函告如下：
"""

# 一级章节（一、）：heading 是单独成行的标题，末尾不加句号；编号由程序生成。
[[section]]
heading = "有关事项"
text = """
……
"""

[[section]]
heading = "时间要求"
text = """
请于X月X日前……。

特此函告。
"""

# 附件：正文之后自动排“附件：1.……”。title 是附件名称，末尾不加标点。
[[attachment]]
title = "XX资料清单"
`

// starterMinutes is the starting file of a 纪要 (会议纪要).
const starterMinutes = `layout = "{{.Preset}}"

# 版头：纪要的标志就是“××会议纪要”，不加“文件”二字；期号代替发文字号。
issuer = "XX会议纪要"                   # 纪要标志
issue = "第1期"                        # 期号：和 number（发文字号）只能写一个

title = "XX{{.Year}}年第一次会议纪要"      # 标题；要回行就写 \n
author = "XX办公室"                     # 署名
date = {{.Date}}                      # 成文日期：年-月-日，不加引号，印为“{{.Year}}年X月X日”

# 版记：排在最后一页的最下面。
cc = ["XX单位", "XX单位"]               # 抄送机关：名称之间不加标点，末尾的句号自动加上
printer = "XX办公室"                    # 印发机关
print_date = {{.Date}}                 # 印发日期：不早于成文日期

# 出席、请假、列席人员：文末列出，一人一项，写“单位职务 姓名”，末尾不加标点。
[attendance]
present = ["XX单位XX XXX", "XX单位XX XXX"]      # 出席
absent = ["XX单位XX XXX（公务）"]               # 请假：原因写在括号里
observers = ["XX单位XX XXX"]                   # 列席

# 一级章节（一、）：heading 是单独成行的标题，末尾不加句号；编号由程序生成。
[[section]]
heading = "会议基本情况"
text = """
X月X日，XXX主持召开……会议，听取……汇报，研究……。现将会议议定事项纪要如下：
"""

[[section]]
heading = "会议议定事项"

  # 二级章节（（一））：lead 是段首标题，以“。”结尾，和正文排在同一段。
  [[section.section]]
  lead = "关于XX事项。"
  text = """
会议要求，……
"""
`
