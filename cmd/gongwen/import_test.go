package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator/content"
)

// seedText is the repository's copy of ../shared/seed/work-summary-2023.txt.
const seedText = "../../testdata/work-summary-2023.txt"

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "seed.toml")
	docx := filepath.Join(dir, "sample.docx")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "../../samples/work-summary-2023.toml", "--format", "docx", "-o", dir, "--bundled-fonts"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("build: %s", stderr.String())
	}
	if err := os.Rename(filepath.Join(dir, "work-summary-2023.docx"), docx); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"no file", []string{"import"}, exitUsage, "", "需要且只需要一个文稿"},
		{"text with counts", []string{"import", seedText, "-o", out, "--counts"}, exitOK, "已生成 " + out + "（3 个一级章节，19 个计数）", "提示：原文开头没有标题"},
		{"no overwrite", []string{"import", seedText, "-o", out}, exitUsage, "", "已经存在"},
		{"overwrite with --force", []string{"import", seedText, "-o", out, "--force"}, exitOK, "（3 个一级章节，0 个计数）", ""},
		{"DOCX to stdout", []string{"import", docx, "-o", "-"}, exitOK, "title = \"XX旗统计局\\n2023年工作总结及2024年工作计划\"", ""},
		{"old Word file", []string{"import", filepath.Join(dir, "a.doc")}, exitContent, "", "另存为” .docx"},
		{"missing file", []string{"import", filepath.Join(dir, "none.txt"), "-o", "-"}, exitContent, "", "无法读取文稿"},
		{"GBK is converted", []string{"import", writeTemp(t, dir, "gbk.txt", "\xb9\xa4\xd7\xf7\xa1\xa3"), "-o", "-"}, exitOK, "原文是 GBK/GB18030 编码，已转为 UTF-8", ""},
		{"a content file is not imported", []string{"import", writeTemp(t, dir, "c.toml", "title = \"甲\"\n"), "-o", "-"}, exitUsage, "", "已经是内容文件，不需要导入"},
		{"--force never replaces a hand-written file", []string{"import", seedText, "-o", writeTemp(t, dir, "mine.toml", "title = \"甲\"\n"), "--force"}, exitUsage, "", "不是 gongwen import 生成的，不能覆盖（--force 也不行）"},
	}
	writeTemp(t, dir, "a.doc", "\xd0\xcf\x11\xe0")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, &stdout, &stderr); code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout.String(), stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) || !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stdout %q, stderr %q; want %q, %q", stdout.String(), stderr.String(), tt.stdout, tt.stderr)
			}
		})
	}
	if _, err := content.Parse(out, readFile(t, out)); err != nil {
		t.Errorf("the imported file does not parse: %v", err)
	}
}

func writeTemp(t *testing.T, dir, name, s string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestImportSeedAcceptance is the acceptance check of the import: the seed text
// imported, built to PDF, and measured by gbt9704-check against the seed text — no
// paragraph missing. It needs ../shared/tools/gbt9704-check and MuPDF.
func TestImportSeedAcceptance(t *testing.T) {
	tool, err := filepath.Abs("../../../shared/tools/gbt9704-check")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tool); err != nil {
		t.Skip("../shared/tools/gbt9704-check is not here")
	}
	for _, bin := range []string{"mutool", "pdffonts", "python3"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Skipf("%s is not installed", bin)
		}
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "seed.toml")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"import", seedText, "-o", file, "--counts"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("import: %s", stderr.String())
	}
	if code := run([]string{"build", file, "--bundled-fonts"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("build: %s", stderr.String())
	}
	report, err := exec.Command(tool, filepath.Join(dir, "seed.pdf"), "--source", seedText).CombinedOutput()
	t.Logf("gbt9704-check:\n%s", report)
	if !strings.Contains(string(report), "source_paragraphs_missing: 0") {
		t.Errorf("gbt9704-check reports missing paragraphs (err %v)", err)
	}
}
