package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongwen/gongwen/generator"
)

// output is a writer the watcher writes to while the test reads it.
type output struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(p)
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// waitFor waits until s occurs n times in o.
func waitFor(t testing.TB, o *output, s string, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for strings.Count(o.String(), s) < n {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %d× %q; output:\n%s", n, s, o.String())
		}
		time.Sleep(time.Millisecond)
	}
}

// waitReplaced waits until the file at path is a new file (the watcher renames a new
// file over the old one) and returns how long that took since start.
func waitReplaced(t testing.TB, path string, old os.FileInfo, start time.Time) time.Duration {
	t.Helper()
	deadline := start.Add(20 * time.Second)
	for {
		if fi, err := os.Stat(path); err == nil && !os.SameFile(fi, old) {
			return time.Since(start)
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s was not rebuilt", path)
		}
		time.Sleep(200 * time.Microsecond)
	}
}

// startWatch runs the watcher on file until the test ends.
func startWatch(t testing.TB, file string) (stdout, stderr *output) {
	t.Helper()
	stdout, stderr = &output{}, &output{}
	w := &watcher{file: file, formats: []generator.Format{generator.PDF, generator.DOCX}, stdout: stdout, stderr: stderr}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- w.run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("watch ended with %v", err)
		}
	})
	waitFor(t, stdout, "正在监视", 1)
	// the first build runs in the background; wait for its result
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(stdout.String(), "已生成 ") && !strings.Contains(stderr.String(), "生成失败") {
		if time.Now().After(deadline) {
			t.Fatalf("the first build did not end:\n%s%s", stdout, stderr)
		}
		time.Sleep(time.Millisecond)
	}
	return stdout, stderr
}

// documentXML returns word/document.xml of a DOCX file.
func documentXML(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// saveByRename saves as many editors do: a new file renamed over the old one.
func saveByRename(t testing.TB, path string, data []byte) {
	t.Helper()
	tmp := path + ".swp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// TestWatch saves the seed sample and checks the rebuilds: an edit in place and an
// edit saved by rename give new files with the edited text; a broken save leaves the
// last PDF and DOCX byte for byte as they were and prints the located error.
func TestWatch(t *testing.T) {
	dir := t.TempDir()
	sample := readFile(t, "../../samples/work-summary-2023.toml")
	file := filepath.Join(dir, "doc.toml")
	if err := os.WriteFile(file, sample, 0o644); err != nil {
		t.Fatal(err)
	}
	pdfPath, docxPath := filepath.Join(dir, "doc.pdf"), filepath.Join(dir, "doc.docx")
	stdout, stderr := startWatch(t, file)
	if !strings.Contains(stdout.String(), "已生成 doc.pdf、doc.docx（共 ") {
		t.Fatalf("first build: %s%s", stdout, stderr)
	}

	edits := []struct {
		name  string
		title string
		save  func(testing.TB, string, []byte)
	}{
		{"write in place", "YY旗统计局", func(t testing.TB, p string, d []byte) {
			if err := os.WriteFile(p, d, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"save by rename", "ZZ旗统计局", saveByRename},
	}
	for i, e := range edits {
		old, err := os.Stat(pdfPath)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		e.save(t, file, bytes.Replace(sample, []byte(`"XX旗统计局\n`), []byte(`"`+e.title+`\n`), 1))
		latency := waitReplaced(t, pdfPath, old, start)
		waitFor(t, stdout, "已生成 doc.pdf、doc.docx", i+2)
		t.Logf("%s: save → new PDF on disk in %v", e.name, latency.Round(time.Millisecond))
		if doc := documentXML(t, docxPath); !strings.Contains(doc, e.title) {
			t.Errorf("%s: the rebuilt DOCX lacks the new title %s", e.name, e.title)
		}
	}

	goodPDF, goodDOCX := readFile(t, pdfPath), readFile(t, docxPath)
	broken := bytes.Replace(sample, []byte("共开展学习{学习}"), []byte("共开展学习{学习"), 1)
	saveByRename(t, file, broken)
	waitFor(t, stderr, "生成失败，上次生成的文件保持不变", 1)
	if !strings.Contains(stderr.String(), "doc.toml:") || !strings.Contains(stderr.String(), "「{」没有配对的「}」") {
		t.Errorf("the error is not located:\n%s", stderr)
	}
	if !bytes.Equal(readFile(t, pdfPath), goodPDF) || !bytes.Equal(readFile(t, docxPath), goodDOCX) {
		t.Error("a broken save changed the PDF or the DOCX")
	}

	old, _ := os.Stat(pdfPath)
	saveByRename(t, file, sample)
	waitReplaced(t, pdfPath, old, time.Now())
	waitFor(t, stdout, "已生成 doc.pdf、doc.docx", 4)
}

// TestWatchLayoutAndFont watches a layout file of the user's and the font file it
// names: saving either rebuilds the document.
func TestWatchLayoutAndFont(t *testing.T) {
	dir := t.TempDir()
	font := filepath.Join(dir, "body.ttf")
	if err := os.WriteFile(font, readFile(t, "../../fonts/body-FandolFang-Regular.ttf"), 0o644); err != nil {
		t.Fatal(err)
	}
	preset := filepath.Join(dir, "unit.toml")
	presetText := "base = \"report\"\n[fonts.fangsong]\nfile = \"" + filepath.ToSlash(font) + "\"\n"
	if err := os.WriteFile(preset, []byte(presetText), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "doc.toml")
	doc := "layout = \"unit.toml\"\ntitle = \"标题\"\nauthor = \"某局\"\ndate = 2024-01-10\ntext = \"正文。\"\n"
	if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _ := startWatch(t, file)
	for _, want := range []string{"也监视版式文件 " + preset, "也监视字体文件 " + font} {
		waitFor(t, stdout, want, 1)
	}
	pdfPath := filepath.Join(dir, "doc.pdf")
	for i, f := range []string{preset, font} {
		old, err := os.Stat(pdfPath)
		if err != nil {
			t.Fatal(err)
		}
		saveByRename(t, f, readFile(t, f))
		waitReplaced(t, pdfPath, old, time.Now())
		waitFor(t, stdout, "已生成 doc.pdf、doc.docx", i+2)
	}
}

// BenchmarkWatchRebuild measures the time from a save of the seed sample to the new
// PDF on disk (the debounce included).
func BenchmarkWatchRebuild(b *testing.B) {
	dir := b.TempDir()
	sample := readFile(b, "../../samples/work-summary-2023.toml")
	file := filepath.Join(dir, "doc.toml")
	if err := os.WriteFile(file, sample, 0o644); err != nil {
		b.Fatal(err)
	}
	pdfPath := filepath.Join(dir, "doc.pdf")
	startWatch(b, file)
	b.ResetTimer()
	for i := range b.N {
		old, err := os.Stat(pdfPath)
		if err != nil {
			b.Fatal(err)
		}
		edit := bytes.Replace(sample, []byte("XX旗统计局\\n"), []byte("XX旗统计局"+strings.Repeat("第", i%2)+"\\n"), 1)
		saveByRename(b, file, edit)
		waitReplaced(b, pdfPath, old, time.Now())
	}
}
