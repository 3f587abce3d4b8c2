package content

import (
	"os"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator/model"
)

const editSrc = `# 我的工作总结：注释要留下
layout = "report"   # 版式
title = "XX局工作总结"
author = "XX局"
date = 2024-01-10

text = """
开头。
"""

[counts]
"学习" = { value = 9, unit = "次" }  # 全年

[[section]]
heading = "一"
text = """
甲。
"""

  [[section.section]]
  lead = "子一。"
  text = "乙。"

  [[section.section]]
  lead = "子二。"
  text = "庚。"

[[section]]
heading = "二"
text = '丙。'

[[section]]
heading = "三"
text = "辛。"
`

// TestSet: a value is replaced where it stands, in its own quotes, and a new key goes
// beside its siblings; the comments and the layout stay; the result parses.
func TestSet(t *testing.T) {
	for _, tc := range []struct {
		path string
		v    Value
		want string // in the result
		gone string // no longer in it
	}{
		{"title", Value{Text: "XX局2024年工作总结"}, `title = "XX局2024年工作总结"`, `"XX局工作总结"`},
		{"date", Value{Kind: "date", Text: "2024-02-01"}, "date = 2024-02-01\n", "2024-01-10"},
		{"text", Value{Text: "新的开头。\n第二段。"}, "text = \"\"\"\n新的开头。\n第二段。\"\"\"", "开头。\n\"\"\""},
		{"counts.学习.value", Value{Kind: "number", Text: "12"}, `"学习" = { value = 12, unit = "次" }  # 全年`, "value = 9"},
		{"section[1].text", Value{Text: "丁。"}, `text = '丁。'`, "丙"},
		{"section[1].text", Value{Text: "it's"}, `text = "it's"`, "丙"},
		{"section[0].section[0].lead", Value{Text: `说"好"。`}, `lead = "说\"好\"。"`, "子一"},
		// added (after Remove): a top-level key after the others, a section key after its keys
		{"date", Value{Kind: "date", Text: "2024-03-01"}, "\"\"\"\ndate = 2024-03-01\n", ""},
		{"section[2].text", Value{Text: "戊。"}, "heading = \"三\"\ntext = \"戊。\"\n", "辛"},
		{"section[0].section[1].text", Value{Text: "己。"}, "  lead = \"子二。\"\ntext = \"己。\"\n", "庚"},
		{"cc", Value{Kind: "list", List: []string{"甲局", "乙局"}}, `cc = ["甲局", "乙局"]`, ""},
		{"counts.培训", Value{Kind: "table", Fields: []Field{{"value", Value{Kind: "number", Text: "3"}}, {"unit", Value{Text: "期"}}}},
			"\"学习\" = { value = 9, unit = \"次\" }  # 全年\n\"培训\" = { value = 3, unit = \"期\" }\n", ""},
	} {
		t.Run(tc.path, func(t *testing.T) {
			src := []byte(editSrc)
			if tc.v.Text == "2024-03-01" || strings.Contains(tc.want, "heading") || strings.Contains(tc.want, "lead") {
				var err error
				if src, err = Remove("a.toml", src, tc.path); err != nil {
					t.Fatal(err)
				}
				if strings.Contains(string(src), tc.gone+"\"") && tc.gone != "" {
					t.Fatalf("Remove left %q", tc.gone)
				}
			}
			out, err := Set("a.toml", src, tc.path, tc.v)
			if err != nil {
				t.Fatal(err)
			}
			s := string(out)
			if !strings.Contains(s, tc.want) || tc.gone != "" && strings.Contains(s, tc.gone) {
				t.Errorf("got\n%s\nwant it to hold %q and not %q", s, tc.want, tc.gone)
			}
			for _, keep := range []string{"# 我的工作总结：注释要留下", "# 版式", "# 全年", "  [[section.section]]"} {
				if !strings.Contains(s, keep) {
					t.Errorf("lost %q", keep)
				}
			}
			if _, err := Parse("a.toml", out); err != nil {
				t.Errorf("the result does not parse: %v\n%s", err, s)
			}
		})
	}
	for _, bad := range []Value{{Kind: "date", Text: "2024-1-5"}, {Kind: "number", Text: "1e9"}, {Kind: "bool", Text: "yes"}} {
		if _, err := Set("a.toml", []byte(editSrc), "date", bad); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

// TestSetKeepsLineEndings: a file saved by Notepad (CRLF, a BOM) keeps them.
func TestSetKeepsLineEndings(t *testing.T) {
	src := "\ufefftitle = \"甲\"\r\ndate = 2024-01-10\r\n"
	out, err := Set("a.toml", []byte(src), "title", Value{Text: "乙"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "\ufefftitle = \"乙\"\r\ndate = 2024-01-10\r\n"; string(out) != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// TestRemove: the key's whole line goes.
func TestRemove(t *testing.T) {
	out, err := Remove("a.toml", []byte(editSrc), "section[1].text")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "丙") || !strings.Contains(string(out), "heading = \"二\"\n\n[[section]]") || !strings.Contains(string(out), "text = \"辛。\"") {
		t.Errorf("got\n%s", out)
	}
}

// headings lists the headings and leads of a content file's sections with their
// numbers, in reading order, as the document has them.
func headings(t *testing.T, src []byte) string {
	t.Helper()
	doc, err := Parse("a.toml", src)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	var out []string
	var walk func(ss []*model.Section)
	walk = func(ss []*model.Section) {
		for _, s := range ss {
			out = append(out, s.Number+s.Heading)
			walk(s.Sections)
		}
	}
	walk(doc.Sections)
	return strings.Join(out, " ")
}

// TestEditSection: moves, deletions, indents and outdents give the outline an author
// would get by moving the blocks of lines by hand, numbers recomputed.
func TestEditSection(t *testing.T) {
	for _, tc := range []struct {
		path string
		op   SectionOp
		want string
	}{
		{"section[1]", MoveUp, "一、二 二、一 （一）子一。 （二）子二。 三、三"},
		{"section[0]", MoveDown, "一、二 二、一 （一）子一。 （二）子二。 三、三"},
		{"section[2]", MoveUp, "一、一 （一）子一。 （二）子二。 二、三 三、二"},
		{"section[0].section[1]", MoveUp, "一、一 （一）子二。 （二）子一。 二、二 三、三"},
		{"section[0]", Delete, "一、二 二、三"},
		{"section[0].section[0]", Delete, "一、一 （一）子二。 二、二 三、三"},
		{"section[1]", Indent, "一、一 （一）子一。 （二）子二。 （三）二 二、三"},
		{"section[0].section[1]", Indent, "一、一 （一）子一。 1.子二。 二、二 三、三"},
		{"section[0].section[1]", Outdent, "一、一 （一）子一。 二、子二。 三、二 四、三"},
		{"section[0].section[0]", Outdent, "一、一 （一）子二。 二、子一。 三、二 四、三"},
		{"section[1]", AddAfter, "一、一 （一）子一。 （二）子二。 二、二 三、新标题 四、三"},
		{"section[2]", AddAfter, "一、一 （一）子一。 （二）子二。 二、二 三、三 四、新标题"},
		{"section[1]", AddChild, "一、一 （一）子一。 （二）子二。 二、二 （一）新标题 三、三"},
	} {
		t.Run(tc.path+" "+string(tc.op), func(t *testing.T) {
			out, err := EditSection("a.toml", []byte(editSrc), tc.path, tc.op)
			if err != nil {
				t.Fatal(err)
			}
			if got := headings(t, out); got != tc.want {
				t.Errorf("got  %s\nwant %s\n%s", got, tc.want, out)
			}
			if !strings.Contains(string(out), "# 全年") {
				t.Error("lost a comment")
			}
		})
	}
	for _, tc := range []struct {
		path string
		op   SectionOp
	}{{"section[0]", MoveUp}, {"section[2]", MoveDown}, {"section[0]", Indent}, {"section[0]", Outdent}, {"section[9]", Delete}} {
		if _, err := EditSection("a.toml", []byte(editSrc), tc.path, tc.op); err == nil {
			t.Errorf("%s %s: no error", tc.path, tc.op)
		}
	}
}

// TestEditSeed: every section of the seed moves up and back down to the same file.
func TestEditSeed(t *testing.T) {
	src, err := os.ReadFile("../../samples/work-summary-2023.toml")
	if err != nil {
		t.Fatal(err)
	}
	up, err := EditSection("w.toml", src, "section[1]", MoveUp)
	if err != nil {
		t.Fatal(err)
	}
	back, err := EditSection("w.toml", up, "section[0]", MoveDown)
	if err != nil {
		t.Fatal(err)
	}
	if headings(t, back) != headings(t, src) {
		t.Errorf("up and down: %s\nwant %s", headings(t, back), headings(t, src))
	}
}

// FuzzEdit: changing any file, at any path, never panics, and a set value that the
// result holds parses back to what was set.
func FuzzEdit(f *testing.F) {
	f.Add(editSrc, "section[1]", "title", "新标题")
	f.Add(editSrc, "section[0].section[1]", "counts.学习.unit", "次")
	f.Add("title = '''\nx'''\n[[section]]\n[[section.section]]\n", "section[0].section[0]", "section[0].text", "a\"\"\"b")
	f.Fuzz(func(t *testing.T, src, section, path, value string) {
		for _, op := range []SectionOp{MoveUp, MoveDown, Delete, Indent, Outdent, AddAfter, AddChild} {
			EditSection("f.toml", []byte(src), section, op)
		}
		Remove("f.toml", []byte(src), path)
		out, err := Set("f.toml", []byte(src), path, Value{Text: value})
		if err != nil || !strings.HasPrefix(path, "title") || path != "title" {
			return
		}
		doc, perr := Parse("f.toml", out)
		if _, srcErr := Parse("f.toml", []byte(src)); srcErr == nil && perr == nil && strings.TrimSpace(value) != "" &&
			!strings.ContainsAny(value, "\r\x00") && doc.Title != strings.TrimSpace(value) && !strings.Contains(value, "\n") {
			t.Errorf("title set to %q, parsed back %q", value, doc.Title)
		}
	})
}
