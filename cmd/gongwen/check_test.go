package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckCommand(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	head := "title = \"标题\"\nauthor = \"某局\"\ndate = 2024-01-10\n"
	clean := write("clean.toml", head+"text = \"正文。\"\n")
	warn := write("warn.toml", head+"text = \"“甲”、“乙”。\"\n")
	bad := write("bad.toml", "\ufeff"+head+"text = \"今年以来,开展工作。\"\n")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr string
	}{
		{"no file", []string{"check"}, exitUsage, nil, "需要至少一个内容文件"},
		{"clean", []string{"check", clean}, exitOK, []string{"clean.toml：没有发现问题"}, ""},
		{"warnings only", []string{"check", warn}, exitOK, []string{"warn.toml:4:12: 并列顿号（警告）: ", "0 处错误，1 处警告"}, ""},
		{"an error, with the line and a caret", []string{"check", bad}, exitContent, []string{
			// the caret under the comma on a terminal, where each CJK character takes two columns
			"bad.toml:4:13: 半角标点: 中文里用了半角逗号「,」\n   4 | text = \"今年以来,开展工作。\"\n     |                 ^\n提示：改为全角「，」",
			"1 处错误，0 处警告"}, ""},
		{"several files", []string{"check", clean, bad}, exitContent, []string{"没有发现问题", "1 处错误"}, ""},
		{"not TOML", []string{"check", write("syntax.toml", "title = \"未闭合\n")}, exitContent, nil, "syntax.toml:1:"},
		{"missing file", []string{"check", filepath.Join(dir, "none.toml")}, exitContent, nil, "无法读取内容文件"},
		{"the seed sample", []string{"check", "../../samples/work-summary-2023.toml"}, exitOK, []string{"0 处错误，1 处警告"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, &stdout, &stderr); code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout.String(), stderr.String())
			}
			for _, s := range tt.stdout {
				if !strings.Contains(stdout.String(), s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout.String())
				}
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, stderr.String())
			}
		})
	}
}

// TestHelp checks that every command has help, through both "help CMD" and "CMD -h".
func TestHelp(t *testing.T) {
	for _, c := range commands() {
		for _, args := range [][]string{{"help", c.name}, {c.name, "-h"}} {
			var stdout, stderr bytes.Buffer
			if code := run(args, &stdout, &stderr); code != exitOK {
				t.Errorf("%v: exit %d", args, code)
			}
			if !strings.Contains(stdout.String(), "gongwen "+c.name) || !strings.Contains(stdout.String(), "用法") {
				t.Errorf("%v: help is\n%s", args, stdout.String())
			}
		}
		var stdout, stderr bytes.Buffer
		run([]string{"--help"}, &stdout, &stderr)
		if !strings.Contains(stdout.String(), "gongwen "+c.name+" ") {
			t.Errorf("the usage text lacks the command %s", c.name)
		}
	}
}
