package content

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// field is a key a table may hold, with its meaning and Chinese words a person
// might type instead of the key.
type field struct {
	key     string
	meaning string
	aliases []string
}

// The keys of each kind of table.
var (
	topFields = []field{
		{"layout", "版式", []string{"版式", "模板"}},
		{"title", "标题", []string{"标题", "题目", "文件标题"}},
		{"recipient", "主送机关", []string{"主送机关", "主送", "收文机关"}},
		{"author", "发文机关署名", []string{"署名", "发文机关", "发文机关署名", "落款", "单位"}},
		{"date", "成文日期", []string{"日期", "成文日期", "时间", "落款日期"}},
		{"text", "正文", []string{"正文", "内容", "开头", "段落"}},
		{"counts", "计数", []string{"计数", "数据", "统计"}},
		{"section", "章节", []string{"章节", "部分", "一级标题"}},
		{"table", "附表", []string{"表格", "附表", "表"}},
		{"copy_no", "份号", []string{"份号", "编号"}},
		{"secrecy", "密级和保密期限", []string{"密级", "保密期限"}},
		{"urgency", "紧急程度", []string{"紧急程度", "紧急"}},
		{"issuer", "发文机关标志", []string{"发文机关标志", "红头", "发文机关"}},
		{"number", "发文字号", []string{"发文字号", "文号", "字号"}},
		{"issue", "期号（纪要）", []string{"期号", "期数"}},
		{"signers", "签发人", []string{"签发人"}},
		{"seal", "印章图片", []string{"印章", "公章"}},
		{"note", "附注", []string{"附注", "备注"}},
		{"attachment", "附件", []string{"附件"}},
		{"cc", "抄送机关", []string{"抄送", "抄送机关"}},
		{"printer", "印发机关", []string{"印发机关", "印发"}},
		{"print_date", "印发日期", []string{"印发日期"}},
		{"attendance", "出席、请假、列席人员", []string{"出席", "参会人员", "列席", "请假"}},
	}
	attachmentFields = []field{
		{"title", "附件标题", []string{"标题", "名称"}},
		{"text", "正文", []string{"正文", "内容"}},
		{"section", "章节", []string{"章节"}},
	}
	attendanceFields = []field{
		{"present", "出席", []string{"出席"}},
		{"absent", "请假", []string{"请假", "缺席"}},
		{"observers", "列席", []string{"列席"}},
	}
	sectionFields = []field{
		{"heading", "独立标题", []string{"标题", "小标题", "独立标题"}},
		{"lead", "段首标题", []string{"段首标题", "段首", "引导句"}},
		{"text", "正文", []string{"正文", "内容", "段落"}},
		{"section", "下级章节", []string{"章节", "下级章节", "子章节"}},
		{"table", "表格", []string{"表格", "表"}},
	}
	countFields = []field{
		{"value", "数量", []string{"数量", "数值", "次数", "值"}},
		{"unit", "单位", []string{"单位", "量词"}},
		{"more", "是否加“余”", []string{"余", "多", "以上"}},
		{"label", "表格中的名称", []string{"名称", "标签", "说明"}},
		{"category", "类别", []string{"类别", "分类", "类型"}},
		{"last_year", "上年数量", []string{"上年", "去年", "上年数"}},
		{"target", "目标数量", []string{"目标", "计划"}},
	}
	appendixFields = []field{
		{"title", "表格标题", []string{"标题", "表名"}},
		{"counts", "计数（\"all\" 或名称列表）", []string{"计数", "数据"}},
		{"category", "类别", []string{"类别", "分类"}},
		{"columns", "列名", []string{"列名", "列"}},
		{"total", "是否加合计行", []string{"合计", "总计"}},
		{"header", "表头（自由表格）", []string{"表头"}},
		{"rows", "行（自由表格）", []string{"行", "数据行"}},
		{"unit", "单位（计数表格：只列这个单位的计数）", []string{"单位"}},
		{"after", "放在开头第几段之后（0：开头之前；不写：文末附表）", []string{"位置", "之后"}},
	}
	tableFields = append(append([]field{}, appendixFields[:len(appendixFields)-1]...), field{"after", "放在本节第几段之后", []string{"位置", "之后"}})
)

// unknownKey builds the message for a key that is not in fields. where names the
// table for the person ("文件顶层", "章节", "计数「学习」").
func unknownKey(key, where string, fields []field, value any) (msg, hint string) {
	msg = "未知字段「" + key + "」"
	var list []string
	for _, f := range fields {
		list = append(list, f.key+"（"+f.meaning+"）")
	}
	allowed := where + "中可以写的字段：" + strings.Join(list, "、")
	if s := closest(key, fields); s != "" {
		return msg, "您是不是想写 " + s + "？\n" + allowed
	}
	if m, ok := value.(map[string]any); ok && where != "计数" {
		if _, ok := m["value"]; ok {
			return msg, "计数要写在 [counts] 下面，例如 [counts] 之后写 \"" + key + "\" = { value = 9, unit = \"次\" }"
		}
	}
	if where != "文件顶层" {
		for _, f := range topFields {
			if f.key == key {
				return msg, key + " 属于文件顶层，要写在第一个 [counts] 或 [[section]] 之前"
			}
		}
	}
	return msg, allowed + "\n字段名要用英文小写；如果这是正文，请写在 text 里"
}

// closest returns the allowed key the person most likely meant, or "".
func closest(key string, fields []field) string {
	lower := strings.ToLower(strings.TrimSpace(key))
	for _, f := range fields {
		if lower == f.key {
			return f.key
		}
		for _, a := range f.aliases {
			if key == a {
				return f.key
			}
		}
	}
	keys := make([]string, len(fields))
	for i, f := range fields {
		keys[i] = f.key
	}
	return Suggest(lower, keys)
}

// Suggest returns the option the person most likely meant by word: one equal to it
// but for case, else the nearest within two edits ("biuld" → "build", "notise" →
// "notice"); "" when none is that close.
func Suggest(word string, options []string) string {
	lower := strings.ToLower(strings.TrimSpace(word))
	best, bestD := "", 3
	for _, o := range options {
		if lower == strings.ToLower(o) {
			return o
		}
		if d := editDistance(lower, strings.ToLower(o)); d < bestD && d < len([]rune(o)) {
			best, bestD = o, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in characters.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// typeName says in Chinese what kind of TOML value v is.
func typeName(v any) string {
	switch v := v.(type) {
	case string:
		return "文字 " + quoteShort(v)
	case int64:
		return fmt.Sprintf("整数 %d", v)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Sprintf("特殊数值 %v", v)
		}
		return fmt.Sprintf("小数 %v", v)
	case bool:
		return fmt.Sprintf("是/否值 %v", v)
	case time.Time:
		return "日期或时间"
	case []map[string]any:
		return "表数组 [[…]]"
	case []any:
		return "数组 [ … ]"
	case map[string]any:
		return "表 { … }"
	}
	return fmt.Sprintf("%T", v)
}

// quoteShort quotes a string for a message, shortened when long.
func quoteShort(s string) string {
	if r := []rune(s); len(r) > 20 {
		return strconv.Quote(string(r[:20]) + "…")
	}
	return strconv.Quote(s)
}
