//go:build unix

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gongwen/gongwen/generator"
)

const small = "title = \"标题\"\nauthor = \"某局\"\ndate = 2024-01-10\ntext = \"正文。\"\n"

// TestHostileCommands runs the commands on hostile inputs of issue 15: each ends
// within 2 s with exit status 1 and a located Chinese message, and nothing raw from
// the input reaches the terminal.
func TestHostileCommands(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fifo := filepath.Join(dir, "fifo.toml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	esc := write("esc.toml", "\"\\u001b[2J\\u0000\" = 1\n"+small)
	pua := write("pua.toml", strings.Replace(small, "标题", "标\ue000题", 1))
	noLayout := write("nolayout.toml", "layout = \"none.toml\"\n"+small)
	fifoLayout := write("fifolayout.toml", "layout = \"fifo.toml\"\n"+small)
	write("x.pdf", small)
	sparse := func(name string, size int64) string {
		p := write(name, "")
		if err := os.Truncate(p, size); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bigTxt, midTxt, bigToml := sparse("big.txt", 100<<20), sparse("mid.txt", 50<<20), sparse("big.toml", 50<<20)
	tests := []struct {
		name       string
		args       []string
		out        string // where the message goes
		want       string // a part of it
		wantStdout string
	}{
		{"build a FIFO", []string{"build", fifo}, "stderr", "无法读取内容文件 " + fifo + "：不是普通文件（是设备、管道或套接字），不能读取", ""},
		{"check a FIFO", []string{"check", fifo}, "stderr", "无法读取内容文件 " + fifo + "：不是普通文件", ""},
		{"build a 50 MB content file", []string{"build", bigToml}, "stderr", "无法读取内容文件 " + bigToml + "：太大（50 MB），最多 8 MB", ""},
		{"import a 100 MB text", []string{"import", bigTxt, "-o", filepath.Join(dir, "big-out.toml")}, "stderr",
			"无法读取文稿 " + bigTxt + "：太大（100 MB），最多 64 MB", ""},
		{"import a 50 MB text", []string{"import", midTxt, "-o", filepath.Join(dir, "mid-out.toml")}, "stderr",
			"文稿太大（50 MB）：纯文本文稿最多 8 MB", ""},
		{"control characters", []string{"build", esc}, "stderr", "esc.toml:1:1: 未知字段「U+001B[2JU+0000」", ""},
		{"a FIFO layout", []string{"build", fifoLayout}, "stderr", "fifolayout.toml:1:10: 无法读取版式文件 " + fifo + "：不是普通文件", ""},
		{"the input named x.pdf", []string{"build", filepath.Join(dir, "x.pdf")}, "stderr", "这就是内容文件本身", ""},
		// check runs the build's checks: "没有发现问题" means the build succeeds
		{"check a character no font has", []string{"check", pua, "--bundled-fonts"}, "stdout",
			"pua.toml:1:11: 字符「\ue000」（U+E000）是私用区的自造字", "1 处错误，0 处警告"},
		{"check a missing layout", []string{"check", noLayout, "--bundled-fonts"}, "stdout",
			"nolayout.toml:1:10: 找不到版式文件「none.toml」（版式 layout）", "1 处错误"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			start := time.Now()
			code := run(tt.args, &stdout, &stderr)
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
			if code != exitContent {
				t.Errorf("exit %d, want 1", code)
			}
			got := stderr.String()
			if tt.out == "stdout" {
				got = stdout.String()
			}
			if !strings.Contains(got, tt.want) || !strings.Contains(stdout.String(), tt.wantStdout) {
				t.Errorf("%s lacks %q or stdout lacks %q:\n%s%s", tt.out, tt.want, tt.wantStdout, stdout.String(), stderr.String())
			}
			if all := stdout.String() + stderr.String(); strings.ContainsAny(all, "\x1b\x00") {
				t.Errorf("raw control characters: %q", all)
			}
		})
	}
}

// longDoc is a content file that takes about a second to build (some 3000 pages).
func longDoc(sections int) string {
	para := strings.Repeat("全年共开展学习活动，深入推进统计改革，提高数据质量，完善统计制度方法，加强统计监督，推动统计工作高质量发展。", 4)
	var b strings.Builder
	b.WriteString("title = \"长文档\"\nauthor = \"某局\"\ndate = 2024-01-10\n")
	for i := range sections {
		fmt.Fprintf(&b, "[[section]]\nheading = \"第%d部分\"\ntext = \"\"\"\n%s\n\"\"\"\n", i+1, strings.Repeat(para+"\n\n", 20))
	}
	return b.String()
}

// TestWatchCancels: Ctrl-C during a long build ends watch at once (issue 15: it took
// effect only when the build ended, 6 s); a FIFO as the layout cannot hang it.
func TestWatchCancels(t *testing.T) {
	tests := []struct {
		name, doc string
		fifo      bool
	}{
		{"a long build", longDoc(400), false},
		{"a FIFO layout", "layout = \"fifo.toml\"\n" + small, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "doc.toml")
			os.WriteFile(file, []byte(tt.doc), 0o644)
			if tt.fifo {
				syscall.Mkfifo(filepath.Join(dir, "fifo.toml"), 0o644)
			}
			stdout, stderr := &output{}, &output{}
			w := &watcher{file: file, formats: []generator.Format{generator.PDF, generator.DOCX}, stdout: stdout, stderr: stderr}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- w.run(ctx) }()
			waitFor(t, stdout, "正在监视", 1)
			time.Sleep(200 * time.Millisecond)
			start := time.Now()
			cancel() // what Ctrl-C and SIGTERM do (signal.NotifyContext)
			select {
			case err := <-done:
				// well under the long build itself (seconds on a loaded 2-core machine), with
				// room for a busy test run: 100 ms measured alone
				if d := time.Since(start); d > time.Second {
					t.Errorf("watch took %v to stop", d)
				}
				if err != nil {
					t.Error(err)
				}
			case <-time.After(2 * time.Second):
				t.Fatal("watch did not stop")
			}
			if tt.fifo && !strings.Contains(stderr.String(), "不是普通文件") {
				t.Errorf("stderr: %s", stderr)
			}
			// the cancelled build writes nothing
			time.Sleep(1500 * time.Millisecond)
			if got := stdout.String(); strings.Contains(got, "已生成") {
				t.Errorf("a cancelled build reported: %s", got)
			}
			if _, err := os.Stat(filepath.Join(dir, "doc.pdf")); !os.IsNotExist(err) {
				t.Error("a cancelled build wrote doc.pdf")
			}
		})
	}
}

// TestWatchNewEdit: an edit during a long build cancels it; only the new text is
// built and reported.
func TestWatchNewEdit(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "doc.toml")
	os.WriteFile(file, []byte(longDoc(400)), 0o644)
	stdout, stderr := &output{}, &output{}
	w := &watcher{file: file, formats: []generator.Format{generator.PDF, generator.DOCX}, stdout: stdout, stderr: stderr}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- w.run(ctx) }()
	waitFor(t, stdout, "正在监视", 1)
	time.Sleep(100 * time.Millisecond)
	saveByRename(t, file, []byte(small))
	waitFor(t, stdout, "已生成", 1)
	time.Sleep(100 * time.Millisecond)
	if got := stdout.String(); strings.Count(got, "已生成") != 1 || !strings.Contains(got, "共 1 页") {
		t.Errorf("stdout: %s\nstderr: %s", got, stderr)
	}
	cancel()
	<-done
}
