package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongwen/gongwen/generator"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/lint"
)

// presetFields are the fields each preset's starting file must set (not merely
// mention in a comment): the 版头, 版记, 附件 and 纪要 parts the preset prints.
var presetFields = map[string][]string{
	"report":  {"title =", "author ="},
	"notice":  {"copy_no =", "issuer =", "number =", "note =", "cc =", "printer =", "print_date =", "[[attachment]]"},
	"request": {"copy_no =", "urgency =", "issuer =", "number =", "signers =", "note =", "cc =", "printer =", "print_date =", "[[attachment]]"},
	"letter":  {"copy_no =", "issuer =", "number =", "note =", "cc =", "[[attachment]]"},
	"minutes": {"issuer =", "issue =", "cc =", "printer =", "print_date =", "[attendance]", "present =", "absent =", "observers ="},
}

// TestInit writes the starting file of every preset: it builds, the check finds no
// error in it, it sets the fields its preset uses, and init refuses to overwrite it.
func TestInit(t *testing.T) {
	dir := t.TempDir()
	b := generator.NewBuilder(nil, false)
	for _, name := range layout.Names() {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(dir, name+".toml")
			var stdout, stderr bytes.Buffer
			if code := run([]string{"init", "--preset", name, file}, &stdout, &stderr); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"layout = \"" + name + "\"", "date = " + time.Now().Format("2006-01-02"), "gongwen build 本文件.toml"} {
				if !bytes.Contains(src, []byte(want)) {
					t.Errorf("the file lacks %q", want)
				}
			}
			fields, ok := presetFields[name]
			if !ok {
				t.Errorf("no expected fields for preset %s: add it to presetFields", name)
			}
			for _, f := range fields {
				if !startsLine(string(src), f) {
					t.Errorf("the file does not set %q", f)
				}
			}
			if name != "request" && startsLine(string(src), "signers =") {
				t.Error("签发人 outside a 上行文")
			}
			out, err := b.Render(file, src, []generator.Format{generator.PDF, generator.DOCX})
			if err != nil {
				t.Fatalf("the starting file does not build: %v", err)
			}
			if out.Pages < 1 || len(out.Doc.Sections) < 2 {
				t.Errorf("%d pages, %d sections", out.Pages, len(out.Doc.Sections))
			}
			findings, err := lint.Check(file, src)
			if err != nil {
				t.Fatal(err)
			}
			// the only errors are the placeholders the person has to fill in
			placeholders := 0
			for _, f := range findings {
				switch {
				case f.Rule == lint.RulePlaceholder:
					placeholders++
				case f.Severity == lint.Error:
					t.Errorf("gongwen check finds an error other than a placeholder: %v", f)
				}
			}
			if placeholders == 0 {
				t.Error("gongwen check reports none of the placeholders")
			}

			stdout.Reset()
			stderr.Reset()
			if code := run([]string{"init", "--preset", name, file}, &stdout, &stderr); code != exitUsage {
				t.Errorf("second init: exit %d, want %d", code, exitUsage)
			}
			if !strings.Contains(stderr.String(), "已经存在") {
				t.Errorf("second init: %s", stderr.String())
			}
			if again, _ := os.ReadFile(file); !bytes.Equal(again, src) {
				t.Error("the second init changed the file")
			}
		})
	}
}

// startsLine reports whether a line of s, without its indentation, starts with prefix.
func startsLine(s, prefix string) bool {
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), prefix) {
			return true
		}
	}
	return false
}

func TestInitUsage(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"init"}, exitUsage, "需要且只需要一个文件名"},
		{[]string{"init", "--preset", "nosuch", filepath.Join(dir, "a.toml")}, exitUsage, "没有名为「nosuch」的版式"},
		{[]string{"init", filepath.Join(dir, "no", "such", "dir.toml")}, exitContent, "无法创建文件"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := run(tt.args, &stdout, &stderr); code != tt.code || !strings.Contains(stderr.String(), tt.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want %d, %q", tt.args, code, stderr.String(), tt.code, tt.stderr)
		}
	}
}
