package lint

import (
	"fmt"
	"strings"
	"testing"
)

// TestElements checks that every text the document prints is checked — 附件,
// tables, 版头, 版记, 附注, attendance — and the rules of the 版头 and 版记 fields.
// Each case is a few lines added to a small valid file; the findings are given as
// rule@line:column, with the lines of the addition counted from 1.
func TestElements(t *testing.T) {
	tests := []struct {
		name   string
		layout string
		add    string
		want   []string
	}{
		{"clean elements", "notice", `issuer = "某某局"
cc = ["旗委办公室", "旗政府办公室"]
note = "联系人：张三，电话：1234567"
print_date = 2024-01-10`, nil},
		{"half-width comma in a cc name", "notice", `cc = ["旗委,办公室"]`, []string{RuleHalfWidth + "@1:10"}},
		{"cc name ending in 。", "notice", `cc = ["旗委办公室", "旗政府办公室。"]`, []string{RuleCC + "@1:23"}},
		{"cc name ending in ，", "notice", `cc = "旗委办公室，"`, []string{RuleCC + "@1:12"}},
		{"one issuer with 文件: printed as it is", "notice", `issuer = "某某局文件"`, nil},
		{"joint issuers", "request", `issuer = ["某某局", "YY局文件"]`, []string{RuleIssuer + "@1:22"}},
		{"issuer with 文件 in a letter", "letter", `issuer = "某某局文件"`, nil},
		{"signer with a space", "request", `signers = ["王建国", "李　明"]`, []string{RuleSigner + "@1:21"}},
		{"two signers in one string", "request", `signers = ["王建国、李明"]`, []string{RuleSigner + "@1:16"}},
		{"minority name with 间隔号", "request", `signers = ["买买提·艾力"]`, nil},
		{"print date before date", "notice", `print_date = 2024-01-09`, []string{RulePrintDate + "@1:14"}},
		{"note with a padded date", "notice", `note = "此件于2024年01月10日公开"`, []string{RuleDate + "@1:12"}},
		{"printer with half-width brackets", "notice", `printer = "某某局(办公室)"`, []string{RuleHalfWidth + "@1:15", RuleHalfWidth + "@1:19"}},
		{"attendance", "minutes", `[attendance]
present = ["副旗长 张宏", "局长 王建国(主持)"]
absent = ["局长 孙强（公务"]`, []string{RuleHalfWidth + "@2:29", RuleHalfWidth + "@2:32", RulePairs + "@3:17"}},
		{"free table cells and title", "notice", `[[table]]
title = "经费测算表(2024年)"
columns = ["项目", "金额"]
header = ["项目", "金额"]
rows = [["劳务补助,培训", 3], ["设备", "１２"]]`, []string{RuleHalfWidth + "@2:15", RuleHalfWidth + "@2:21", RuleHalfWidth + "@5:15", RuleWideDigit + "@5:33"}},
		{"attachment title, text and sections", "notice", `[[attachment]]
title = "某某名单(试行)"
text = """
第一段。

“甲”、“乙”两项。
"""
  [[attachment.section]]
  heading = "一、安排。"
  text = "正文。"
  [[attachment.section]]
  lead = "具体要求"
  text = "于2024-1-5开始。"`, []string{
			RuleHalfWidth + "@2:14", RuleHalfWidth + "@2:17", RuleEnumComma + "@6:4",
			RuleNumbering + "@9:14", RuleHeadingEnd + "@9:18", RuleHeadingEnd + "@12:14", RuleDate + "@13:12"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head := fmt.Sprintf("layout = %q\ntitle = \"标题\"\nauthor = \"某局\"\ndate = 2024-01-10\ntext = \"正文。\"\n", tt.layout)
			first := strings.Count(head, "\n")
			got, err := Check("e.toml", []byte(head+tt.add+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			var found []string
			for _, f := range got {
				if f.Rule == RuleContent {
					continue
				}
				found = append(found, fmt.Sprintf("%s@%d:%d", f.Rule, f.Pos.Line-first, f.Pos.Col))
			}
			if strings.Join(found, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %v, want %v\nall: %v", found, tt.want, got)
			}
		})
	}
}
