package content

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/gongwen/gongwen/generator/model"
)

func fuzzSeeds(f *testing.F) {
	if src, err := os.ReadFile(samplePath); err == nil {
		f.Add(string(src))
	}
	for _, s := range []string{
		head + `text = "开展专题研讨{专题研讨}次"`,
		head + lines("[counts]", `"学习" = { value = 9, unit = "次", more = true }`, `text = "{学习}{{}}"`),
		head + lines("[[section]]", `lead = "甲。"`, `text = """`, "　　一段，", "two words", "", "{x", `"""`),
		head + `section = [ { heading = "甲", text = 'a\b' } ]`,
		head + lines(`text = "\u4e00\"{学}"`, `"a.b" = { c = "d" }`, `x.y = [["z"], { w = "v" }]`),
		lines(`title = "a`, `b = """`, "c"),
		"\ufefftitle = \"测试\"\r\nauthor = \"甲\"\r\ndate = 2024-01-10\r\ntext = '''\r\n甲\r\n'''\r\n",
		"[a]\n[[a.b]]\n[a.b.c]\nd = 1\n[[a.b]]\n",
	} {
		f.Add(s)
	}
}

// FuzzParse checks that Parse never panics, that every error is an *Error or
// Errors with a position in the file, and that a parsed document has positions.
func FuzzParse(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := Parse("f.toml", []byte(src))
		nlines := strings.Count(src, "\n") + 1
		if err != nil {
			var list Errors
			switch e := err.(type) {
			case *Error:
				list = Errors{e}
			case Errors:
				list = e
			default:
				t.Fatalf("error type %T", err)
			}
			if len(list) == 0 {
				t.Fatal("empty Errors")
			}
			for _, e := range list {
				if e.Msg == "" || e.Pos.File != "f.toml" || e.Pos.Line < 1 || e.Pos.Line > nlines || e.Pos.Col < 1 {
					t.Fatalf("bad error %#v", e)
				}
			}
			_ = err.Error()
			return
		}
		if doc == nil {
			t.Fatal("nil document without an error")
		}
		used := map[*model.Count]int{}
		check := func(what string, p model.Pos) {
			if p.File != "f.toml" || p.Line < 1 || p.Line > nlines || p.Col < 1 {
				t.Fatalf("%s at %#v", what, p)
			}
		}
		var walk func([]*model.Section, int)
		walk = func(ss []*model.Section, level int) {
			for _, s := range ss {
				check("section", s.Pos)
				if s.Level != level || s.Number == "" || level > maxLevel {
					t.Fatalf("section %+v at level %d", s, level)
				}
				walk(s.Sections, level+1)
			}
		}
		walk(doc.Sections, 1)
		for _, b := range doc.Blocks() {
			if p, ok := b.(*model.Paragraph); ok {
				check("paragraph", p.Pos)
				if p.Text() == "" {
					t.Fatal("empty paragraph")
				}
				for _, sp := range p.Spans {
					check("span", sp.Pos)
					if sp.Count != nil {
						used[sp.Count]++
					}
				}
			}
		}
		for _, c := range doc.Counts {
			if c.Used < used[c] {
				t.Fatalf("count %q used %d, %d spans", c.Name, c.Used, used[c])
			}
		}
	})
}

// FuzzLocator checks the position locator against BurntSushi/toml: in any valid
// TOML, every string value is found at its path and decodes to the same text.
func FuzzLocator(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		src = normalize([]byte(src))
		var raw map[string]any
		if _, err := toml.Decode(src, &raw); err != nil {
			return
		}
		l := newLocator("f.toml", src)
		var walk func(path string, v any)
		walk = func(path string, v any) {
			switch v := v.(type) {
			case string:
				if ts := l.text(path, v); ts.offs == nil {
					t.Fatalf("string at %s not located (%q)", path, v)
				}
			case map[string]any:
				for k, x := range v {
					walk(joinPath(path, k), x)
				}
			case []map[string]any:
				for i, x := range v {
					walk(indexPath(path, i), x)
				}
			case []any:
				for i, x := range v {
					walk(indexPath(path, i), x)
				}
			}
		}
		walk("", raw)
	})
}

// FuzzText checks paragraph splitting and count references inside a valid file:
// every paragraph and span points at its first character in the source, and every
// mistake in the text points at the "{" it is about.
func FuzzText(f *testing.F) {
	for _, s := range []string{"甲{甲}乙\n\n{{丙}}", "　　一段，\n  two\nwords {乙}\n\n\n二段{未定义}", "{", "}}{}", "a{ 甲 }b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		src := head + "[counts]\n\"甲\" = 1\n\"乙\" = { value = 2, unit = \"次\" }\n[[section]]\nheading = \"标题\"\ntext = '''\n" + text + "'''\n"
		var raw map[string]any
		if _, err := toml.Decode(normalize([]byte(src)), &raw); err != nil {
			return // not a TOML literal string (control characters, ''')
		}
		lines := strings.Split(normalize([]byte(src)), "\n")
		at := func(p model.Pos) string {
			if p.Line < 1 || p.Line > len(lines) {
				return ""
			}
			r := []rune(lines[p.Line-1])
			if p.Col < 1 || p.Col > len(r) {
				return ""
			}
			return string(r[p.Col-1])
		}
		doc, err := Parse("f.toml", []byte(src))
		if err != nil {
			var es Errors
			if e, ok := err.(*Error); ok {
				es = Errors{e}
			} else if !errors.As(err, &es) {
				t.Fatalf("error %T", err)
			}
			for _, e := range es {
				if strings.Contains(e.Msg, "计数") || strings.Contains(e.Msg, "「{」") {
					if got := at(e.Pos); got != "{" {
						t.Fatalf("%v points at %q", e, got)
					}
				}
			}
			return
		}
		for _, p := range doc.Sections[0].Body {
			if p.Pos != p.Spans[0].Pos {
				t.Fatalf("paragraph %q at %v, its first span at %v", p.Text(), p.Pos, p.Spans[0].Pos)
			}
			for _, sp := range p.Spans {
				want := string([]rune(sp.Text)[0])
				if sp.Count != nil {
					want = "{"
				}
				if got := at(sp.Pos); got != want {
					t.Fatalf("span %q at %v: %q", sp.Text, sp.Pos, got)
				}
			}
		}
	})
}

// FuzzPrescan checks the nesting pre-scan against the decoder: after any file the
// decoder reads, a line nesting one level too deep is refused at that line — so the
// scan left no string, comment or bracket open that the decoder had closed — while
// the file alone is accepted if it is within the limits.
func FuzzPrescan(f *testing.F) {
	fuzzSeeds(f)
	f.Add("a = [[1], {b = [2]}]\n[x.'y.z'.\"w\"]\nk = \"\"\"\n[[[\n\"\"\"\n")
	f.Add("a = '''[''' # [[[\nb = { c = { d = [] } }\n")
	f.Fuzz(func(t *testing.T, src string) {
		s := normalize([]byte(src))
		var v map[string]any
		if _, err := toml.Decode(s, &v); err != nil {
			scanNesting(newLines("f.toml", s)) // must not panic
			return
		}
		if depth(v) <= 8 {
			if e := scanNesting(newLines("f.toml", s)); e != nil {
				t.Fatalf("a file %d deep was refused: %v", depth(v), e)
			}
		}
		if !strings.HasSuffix(s, "\n") {
			s += "\n"
		}
		line := strings.Count(s, "\n") + 1
		deep := s + "zz = " + strings.Repeat("[", maxNesting+1) + strings.Repeat("]", maxNesting+1) + "\n"
		e := scanNesting(newLines("f.toml", deep))
		if e == nil || e.Pos.Line != line {
			t.Fatalf("a value %d deep on line %d: %v", maxNesting+1, line, e)
		}
	})
}

// depth is how deeply tables and arrays nest in a decoded value.
func depth(v any) int {
	d := 0
	switch v := v.(type) {
	case map[string]any:
		for _, e := range v {
			d = max(d, depth(e))
		}
		return d + 1
	case []map[string]any:
		for _, e := range v {
			d = max(d, depth(e))
		}
		return d + 1
	case []any:
		for _, e := range v {
			d = max(d, depth(e))
		}
		return d + 1
	}
	return 0
}
