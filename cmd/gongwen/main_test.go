package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile("../../samples/work-summary-2023.toml")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	sample := write("sample.toml", string(good))
	bad := write("bad.toml", "title = \"未闭合\n")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // part of stdout
		stderr string // part of stderr
	}{
		{"no arguments", nil, 2, "", "用法"},
		{"help", []string{"--help"}, 0, "gongwen build", ""},
		{"help build", []string{"help", "build"}, 0, "--format", ""},
		{"build -h", []string{"build", "-h"}, 0, "\n  -o 目录\n", ""},
		{"options as --name", []string{"help", "build"}, 0, "\n  --format 格式\n      输出格式，逗号分隔 output formats: pdf, docx, ofd（默认 default: pdf,docx）\n", ""},
		{"unknown command", []string{"bulid"}, 2, "", "gongwen: 没有命令「bulid」，您是不是想写 gongwen build？\n"},
		{"unknown command, nothing close", []string{"打印"}, 2, "", "gongwen: 没有命令「打印」\n\ngongwen — "},
		{"help help", []string{"help", "help"}, 0, "用法 Usage: gongwen help [命令]", ""},
		{"help of a misspelt command", []string{"help", "chek"}, 2, "", "您是不是想写 gongwen check？"},
		{"version", []string{"version"}, 0, "gongwen ", ""},
		{"--version", []string{"--version"}, 0, "提交 commit: ", ""},
		{"version with an argument", []string{"version", "x"}, 2, "", "gongwen version: 不需要参数"},
		{"build without file", []string{"build"}, 2, "", "需要且只需要一个内容文件"},
		{"unknown flag", []string{"build", sample, "--colour"}, 2, "", "gongwen build: 没有选项「--colour」\n运行 gongwen help build 查看可用的选项和例子。\n"},
		{"misspelt flag", []string{"build", sample, "--fromat", "pdf"}, 2, "", "gongwen build: 没有选项「--fromat」，您是不是想写 --format？\n"},
		{"flag without its value", []string{"build", sample, "-o"}, 2, "", "gongwen build: 选项「-o」后面要写一个值\n"},
		{"bad format", []string{"build", sample, "--format", "odt"}, 2, "", "不支持的格式「odt」，可用：pdf、docx、ofd"},
		{"content error", []string{"build", bad, "-o", dir}, 1, "", "bad.toml:1:"},
		{"missing file", []string{"build", filepath.Join(dir, "none.toml")}, 1, "", "无法读取内容文件"},
		{"build", []string{"build", sample, "-o", filepath.Join(dir, "out"), "--bundled-fonts"}, 0, "sample.pdf", ""},
		{"pdf only", []string{"build", "--format", "pdf", sample, "-o", filepath.Join(dir, "pdf"), "--bundled-fonts"}, 0, "共 ", ""},
		{"all three", []string{"build", "--format", "pdf,docx,ofd", sample, "-o", filepath.Join(dir, "three"), "--bundled-fonts"}, 0, "sample.ofd", ""},
		{"fonts", []string{"fonts", "--bundled-fonts"}, 0, "仿宋（fangsong）", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout.String(), stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, stdout.String())
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, stderr.String())
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.pdf")); !os.IsNotExist(err) {
		t.Error("a failed build created bad.pdf")
	}
	if _, err := os.Stat(filepath.Join(dir, "pdf", "sample.docx")); !os.IsNotExist(err) {
		t.Error("--format pdf also wrote a DOCX")
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "sample.ofd")); !os.IsNotExist(err) {
		t.Error("the default formats wrote an OFD")
	}
	for _, ext := range []string{"pdf", "docx", "ofd"} {
		if fi, err := os.Stat(filepath.Join(dir, "three", "sample."+ext)); err != nil || fi.Size() < 1000 {
			t.Errorf("--format pdf,docx,ofd: sample.%s: %v", ext, err)
		}
	}
}

// TestHelpOfEveryCommand checks that each command's help shows its usage, an example
// that calls the command, and its options in the --name form.
func TestHelpOfEveryCommand(t *testing.T) {
	for _, c := range commands() {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run([]string{"help", c.name}, &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			out := stdout.String()
			if !strings.HasPrefix(out, "用法 Usage: gongwen "+c.name) {
				t.Errorf("help does not start with the usage line:\n%s", out)
			}
			_, example, ok := strings.Cut(out, "例如 Example:\n")
			if !ok || !strings.HasPrefix(example, "  gongwen "+c.name) {
				t.Errorf("help has no example calling gongwen %s:\n%s", c.name, out)
			}
			for _, line := range strings.Split(out, "\n") {
				if strings.HasPrefix(line, "  -") && !strings.HasPrefix(line, "  --") && len(strings.Fields(line)[0]) > 2 {
					t.Errorf("option printed with one dash: %q", line)
				}
			}
			// The help through -h is the same text.
			var h bytes.Buffer
			if code := run([]string{c.name, "-h"}, &h, &stderr); code != 0 || h.String() != out {
				t.Errorf("gongwen %s -h (exit %d) differs from gongwen help %s:\n%s", c.name, code, c.name, h.String())
			}
		})
	}
}

// TestChinesePathsWithSpaces builds a content file whose folder and name hold Chinese
// and spaces into an output folder named likewise.
func TestChinesePathsWithSpaces(t *testing.T) {
	src, err := os.ReadFile("../../samples/work-summary-2023.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "我的 文件", "2023 年度")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "工作 总结（定稿）.toml")
	if err := os.WriteFile(in, src, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "输出 文件")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", in, "-o", out, "--bundled-fonts"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, ext := range []string{".pdf", ".docx"} {
		want := filepath.Join(out, "工作 总结（定稿）"+ext)
		if !strings.Contains(stdout.String(), "已生成 "+want+"\n") {
			t.Errorf("stdout does not name %s:\n%s", want, stdout.String())
		}
		st, err := os.Stat(want)
		if err != nil || st.Size() < 10000 {
			t.Errorf("%s: %v (size %v)", want, err, st)
		}
	}
	// A mistake in such a file is reported with the whole path.
	bad := filepath.Join(dir, "有 错.toml")
	if err := os.WriteFile(bad, []byte("title = \"未闭合\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if code := run([]string{"build", bad}, &stdout, &stderr); code != 1 || !strings.HasPrefix(stderr.String(), bad+":1:9: ") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr.String())
	}
}
