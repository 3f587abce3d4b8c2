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
		{"build -h", []string{"build", "-h"}, 0, "-o", ""},
		{"unknown command", []string{"bulid"}, 2, "", "没有命令「bulid」"},
		{"build without file", []string{"build"}, 2, "", "需要且只需要一个内容文件"},
		{"unknown flag", []string{"build", sample, "--colour"}, 2, "", "colour"},
		{"bad format", []string{"build", sample, "--format", "odt"}, 2, "", "不支持的格式「odt」"},
		{"content error", []string{"build", bad, "-o", dir}, 1, "", "bad.toml:1:"},
		{"missing file", []string{"build", filepath.Join(dir, "none.toml")}, 1, "", "无法读取内容文件"},
		{"build", []string{"build", sample, "-o", filepath.Join(dir, "out"), "--bundled-fonts"}, 0, "sample.pdf", ""},
		{"pdf only", []string{"build", "--format", "pdf", sample, "-o", filepath.Join(dir, "pdf"), "--bundled-fonts"}, 0, "共 ", ""},
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
}
