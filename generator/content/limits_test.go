package content

import (
	"github.com/gongwen/gongwen/internal/bounded"

	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestLimits(t *testing.T) {
	deepTable := "foo = " + strings.Repeat("{a=", 10000) + "1" + strings.Repeat("}", 10000) + "\n"
	deeper := "foo = " + strings.Repeat("{a=", 20000) + "1" + strings.Repeat("}", 20000) + "\n"
	deepArray := "foo = " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n"
	deepHeader := "[[" + strings.Repeat("section.", 9999) + "section]]\nheading = \"甲\"\n"
	deepKey := head + strings.Repeat("a.", 40) + "b = 1\n"
	longText := head + `text = "` + strings.Repeat("字", maxText+1) + "\"\n"
	var sb strings.Builder
	sb.WriteString(head + "text = \"正文。\"\n[counts]\n")
	for i := range maxItems + 1 {
		fmt.Fprintf(&sb, "\"c%d\" = 1\n", i)
	}
	manyCounts := sb.String()
	manySections := head + strings.Repeat("[[section]]\nheading = \"甲\"\ntext = \"正文。\"\n", maxItems+1)
	tests := []struct {
		name, src, pos, msg string
	}{
		{"inline tables 10 000 deep", deepTable, "x.toml:1:103", "方括号 [ ] 或花括号 { } 套得太深：最多 32 层"},
		{"inline tables 20 000 deep", deeper, "x.toml:1:103", "方括号 [ ] 或花括号 { } 套得太深：最多 32 层"},
		{"arrays 100 000 deep", deepArray, "x.toml:1:39", "方括号 [ ] 或花括号 { } 套得太深：最多 32 层"},
		{"header 10 000 deep", deepHeader, "x.toml:1:1", "表头的层次太多：有 10000 层，最多 32 层"},
		{"dotted key 41 parts", deepKey, "x.toml:4:1", "名称的层次太多：有 41 段（以 . 分隔），最多 32 段"},
		{"a 200 001-character text", longText, "x.toml:4:8", "文字太长：有 200001 个字，一项最多 200000 个字（正文 text）"},
		{"10 001 counts", manyCounts, "x.toml:5:1", "项数太多：有 10001 项，最多 10000 项（计数）"},
		{"10 001 sections", manySections, "x.toml:4:1", "项数太多：有 10001 项，最多 10000 项（章节 section）"},
		{"a 50 MB file", head + `text = "` + strings.Repeat("a", 50<<20) + "\"\n", "x.toml", "内容文件太大（50 MB），最多 8 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			bounded.Run(t, func() { _, err = Parse("x.toml", []byte(tt.src)) })
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, want an *Error", err)
			}
			first, _, _ := strings.Cut(e.Error(), "\n")
			if want := tt.pos + ": " + tt.msg; first != want {
				t.Errorf("got  %s\nwant %s", first, want)
			}
		})
	}
}

// TestNestingLegal: what only looks deep is not refused — brackets and dots inside
// strings and comments, quoted keys with dots, the format's own deepest headers.
func TestNestingLegal(t *testing.T) {
	src := head + lines(
		`text = "正文[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{。"`,
		`# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`,
		`"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g" = 1`,
		`x = '''`+strings.Repeat("{", 40)+`'''`,
		`[[section]]`, `heading = "甲"`,
		`[[section.section]]`, `heading = "乙"`,
		`[[section.section.section]]`, `heading = "丙"`,
		`[[section.section.section.section]]`, `heading = "丁"`, `text = "正文。"`,
		`[[section.section.section.section.table]]`, `title = "表"`, `header = ["甲", "乙"]`, `rows = [["1", "2"]]`,
	)
	l := newLines("x.toml", src)
	if e := scanNesting(l); e != nil {
		t.Fatalf("scanNesting refused a legal file: %v", e)
	}
	deep := "x = " + strings.Repeat("[", maxNesting) + strings.Repeat("]", maxNesting) + "\n"
	if e := scanNesting(newLines("x.toml", deep)); e != nil {
		t.Errorf("scanNesting refused %d levels: %v", maxNesting, e)
	}
}

// TestPrintable: control characters from the input reach the terminal as U+XXXX, in
// the message and in the source line, never raw (issue 15: ESC and NUL were echoed).
func TestPrintable(t *testing.T) {
	src := head + "\"\\u001b[2J\" = 1\n\"a\u202eb\" = 2\ntext = \"正文。\"\n"
	_, err := Parse("x\x1b.toml", []byte(src))
	if err == nil {
		t.Fatal("parsed")
	}
	got := err.Error()
	if strings.ContainsFunc(got, hidden) {
		t.Errorf("raw control characters in %q", got)
	}
	for _, want := range []string{
		"xU+001B.toml:4:1: 未知字段「U+001B[2J」",
		"xU+001B.toml:5:1: 未知字段「aU+202Eb」",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	if got := Printable("甲\x00乙\u009b丙\n\t丁\x7f"); got != "甲U+0000乙U+009B丙\n\t丁U+007F" {
		t.Errorf("Printable = %q", got)
	}
}

// TestNoEnglish: no message of the TOML decoder reaches the person in English (issue
// 15: `toml: line 1: expected '.' or '='`).
func TestNoEnglish(t *testing.T) {
	for _, src := range []string{
		"title \"x\"\n", "a = 1\na = 2\n", "[a]\n[a]\n", "a = [1,,2]\n", "a = {b = 1,}\n", "a = 0x\n",
		"a = 1979-05-27T07:32:00Z+\n", "[[a]]\n[a]\n", "a = \"\\q\"\n", "a = tru\n", "= 1\n", "a.=1\n",
		"a = [1\n", "a = 1 2\n", "[a.]\n", "a = +nan1\n", "'''\n", "a = \"\"\"x\n",
	} {
		_, err := Parse("x.toml", []byte(src))
		if err == nil {
			t.Errorf("%q parsed", src)
			continue
		}
		if m := strings.ReplaceAll(err.Error(), "x.toml:", ""); strings.Contains(m, "toml:") || strings.Contains(m, "expected") || strings.Contains(m, "line ") {
			t.Errorf("%q: English in %s", src, m)
		}
	}
}
