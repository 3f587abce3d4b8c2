package generator

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

var pair = []Format{PDF, DOCX}

// failing injects one failure into a commit: the at-th file operation fails with a
// full disk. failed is the kind of operation that failed.
type failing struct {
	n, at  int
	failed string
}

func (f *failing) step(kind string) error {
	if f.n++; f.n == f.at {
		f.failed = kind
		return &os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}
	}
	return nil
}

func (f *failing) disk() disk {
	return disk{
		create: func(dir, pattern string) (tempFile, error) {
			if err := f.step("create"); err != nil {
				return nil, err
			}
			t, err := osDisk.create(dir, pattern)
			return failingFile{t, f}, err
		},
		rename: func(from, to string) error {
			if err := f.step("rename"); err != nil {
				return err
			}
			return os.Rename(from, to)
		},
		link: func(from, to string) error {
			if err := f.step("link"); err != nil {
				return err
			}
			return linkOrCopy(from, to)
		},
		remove: os.Remove,
	}
}

type failingFile struct {
	tempFile
	f *failing
}

func (t failingFile) Write(p []byte) (int, error) {
	if err := t.f.step("write"); err != nil {
		return 0, err
	}
	return t.tempFile.Write(p)
}

func (t failingFile) Sync() error {
	if err := t.f.step("sync"); err != nil {
		return err
	}
	return t.tempFile.Sync()
}

func (t failingFile) Close() error {
	err := t.tempFile.Close()
	if ferr := t.f.step("close"); ferr != nil {
		return ferr
	}
	return err
}

// listDir returns the names in dir, sorted.
func listDir(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return strings.Join(names, " ")
}

// TestCommitFailures fails each file operation of a commit in turn (issue 15: a
// failed DOCX left a new PDF beside the old DOCX) and checks that the old pair stays
// byte for byte, or stays absent, and that no temporary file is left.
func TestCommitFailures(t *testing.T) {
	for _, existed := range []bool{true, false} {
		for at := 1; ; at++ {
			dir := t.TempDir()
			pdfPath, docxPath := filepath.Join(dir, "x.pdf"), filepath.Join(dir, "x.docx")
			if existed {
				os.WriteFile(pdfPath, []byte("old pdf"), 0o644)
				os.WriteFile(docxPath, []byte("old docx"), 0o644)
			}
			f := &failing{at: at}
			err := f.disk().commit([]outFile{{pdfPath, []byte("new pdf")}, {docxPath, []byte("new docx")}})
			// Every operation passed, or only the keeping of an old file failed (then it
			// cannot be restored, but nothing needs restoring): the commit is done.
			if f.n < at || f.failed == "link" {
				if err != nil {
					t.Fatal(err)
				}
				if a, b := readOr(pdfPath), readOr(docxPath); a != "new pdf" || b != "new docx" {
					t.Errorf("committed pair is %q, %q", a, b)
				}
				if got := listDir(t, dir); got != "x.docx x.pdf" {
					t.Errorf("after the commit the folder holds %q", got)
				}
				if f.n < at {
					if at < 8 {
						t.Errorf("a commit of two files took only %d operations", at-1)
					}
					break
				}
				continue
			}
			want := "old pdf, old docx"
			if !existed {
				want = "none, none"
			}
			if got := readOr(pdfPath) + ", " + readOr(docxPath); got != want {
				t.Errorf("existed %v, operation %d failed: the pair is %s, want %s", existed, at, got, want)
			}
			if err == nil || !strings.Contains(err.Error(), "磁盘已满") {
				t.Errorf("operation %d failed: error %v", at, err)
			}
			wantDir := "x.docx x.pdf"
			if !existed {
				wantDir = ""
			}
			if got := listDir(t, dir); got != wantDir {
				t.Errorf("existed %v, operation %d failed: the folder holds %q", existed, at, got)
			}
		}
	}
}

func readOr(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return "none"
	}
	return string(data)
}

const sampleDoc = "../samples/work-summary-2023.toml"

// TestRefusedOutputs: an output that would overwrite the content file, a folder or a
// file gongwen did not write is refused before anything is written.
func TestRefusedOutputs(t *testing.T) {
	src, err := os.ReadFile(sampleDoc)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		input string
		setup func(dir string)
		want  string
	}{
		{"content file named x.pdf", "x.pdf", nil,
			"无法写入 DIR/x.pdf：这就是内容文件本身，生成的文件会把它覆盖；内容文件请以 .toml 结尾"},
		{"a folder named like the DOCX", "x.toml", func(dir string) { os.Mkdir(filepath.Join(dir, "x.docx"), 0o755) },
			"无法写入 DIR/x.docx：已有一个同名的文件夹；请把它改名，或用 -o 指定另一个输出文件夹"},
		{"someone else's PDF", "x.toml", func(dir string) {
			os.WriteFile(filepath.Join(dir, "x.pdf"), []byte("%PDF-1.7\n<< /Producer (Microsoft Word) >>"), 0o644)
		}, "没有覆盖 DIR/x.pdf：这个文件不是 gongwen 生成的，可能是别人的文件；请把它改名或移走，或用 -o 指定另一个输出文件夹"},
		{"someone else's DOCX", "x.toml", func(dir string) { os.WriteFile(filepath.Join(dir, "x.docx"), []byte("PK"), 0o644) },
			"没有覆盖 DIR/x.docx：这个文件不是 gongwen 生成的，可能是别人的文件；请把它改名或移走，或用 -o 指定另一个输出文件夹"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			input := filepath.Join(dir, tt.input)
			os.WriteFile(input, src, 0o644)
			if tt.setup != nil {
				tt.setup(dir)
			}
			before := listDir(t, dir)
			_, _, err := NewBuilder(nil, false).Build(input, "", pair)
			if want := strings.ReplaceAll(tt.want, "DIR", dir); fmt.Sprint(err) != want {
				t.Errorf("got  %v\nwant %s", err, want)
			}
			if after := listDir(t, dir); after != before {
				t.Errorf("the folder changed from %q to %q", before, after)
			}
			if data, _ := os.ReadFile(input); !bytes.Equal(data, src) {
				t.Error("the content file changed")
			}
		})
	}
}

// TestOursAndStale: a build replaces the files it wrote before, and removes the
// temporary files a killed build left (ours and the old .x.pdf.123 kind), no others.
func TestOursAndStale(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "x.toml")
	src, _ := os.ReadFile(sampleDoc)
	os.WriteFile(input, src, 0o644)
	b := NewBuilder(nil, false)
	if _, _, err := b.Build(input, "", pair); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{".gongwen-x.pdf-123.tmp", ".gongwen-x.docx-9-old.tmp", ".x.pdf.4567", ".gongwen-y.pdf-1.tmp", ".x.pdf.bak"} {
		os.WriteFile(filepath.Join(dir, n), nil, 0o644)
	}
	if _, _, err := b.Build(input, "", pair); err != nil {
		t.Fatalf("a second build over its own files: %v", err)
	}
	if got, want := listDir(t, dir), ".gongwen-y.pdf-1.tmp .x.pdf.bak x.docx x.pdf x.toml"; got != want {
		t.Errorf("the folder holds %q, want %q", got, want)
	}
}

// TestKilledBuild kills a build (a child process) with SIGKILL at random moments and
// checks that the PDF and DOCX are still a pair — both old or both new, byte for
// byte — and that the next build leaves no temporary file (issue 15: kill -9 left a
// new PDF beside an old DOCX, and hidden temporary files forever). The two renames
// of a commit follow each other directly; a kill between them is the one window left.
func TestKilledBuild(t *testing.T) {
	if dir := os.Getenv("GONGWEN_KILL_BUILD"); dir != "" {
		NewBuilder(nil, false).Build(filepath.Join(dir, "x.toml"), "", pair)
		return
	}
	if testing.Short() {
		t.Skip("spawns processes")
	}
	src, _ := os.ReadFile(sampleDoc)
	oldSrc, newSrc := src, bytes.Replace(src, []byte("工作总结"), []byte("工作小结"), 1)
	want := map[string][2][]byte{}
	for name, s := range map[string][]byte{"old": oldSrc, "new": newSrc} {
		out, err := NewBuilder(nil, false).Render("x.toml", s, pair)
		if err != nil {
			t.Fatal(err)
		}
		want[name] = [2][]byte{out.Files[PDF], out.Files[DOCX]}
	}
	dir := t.TempDir()
	input := filepath.Join(dir, "x.toml")
	b := NewBuilder(nil, false)
	start := time.Now()
	const kills = 8
	var took time.Duration
	for i := range kills {
		os.WriteFile(input, oldSrc, 0o644)
		if _, _, err := b.Build(input, "", pair); err != nil {
			t.Fatal(err)
		}
		if got := listDir(t, dir); got != "x.docx x.pdf x.toml" {
			t.Fatalf("after a build the folder holds %q", got)
		}
		os.WriteFile(input, newSrc, 0o644)
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledBuild$")
		cmd.Env = append(os.Environ(), "GONGWEN_KILL_BUILD="+dir)
		t0 := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if i == 0 { // learn how long a whole child run takes
			cmd.Wait()
			took = time.Since(t0)
		} else {
			time.Sleep(time.Duration(rand.Int64N(int64(took))))
			cmd.Process.Kill()
			cmd.Wait()
		}
		pdf, _ := os.ReadFile(filepath.Join(dir, "x.pdf"))
		docx, _ := os.ReadFile(filepath.Join(dir, "x.docx"))
		old := bytes.Equal(pdf, want["old"][0]) && bytes.Equal(docx, want["old"][1])
		fresh := bytes.Equal(pdf, want["new"][0]) && bytes.Equal(docx, want["new"][1])
		if !old && !fresh {
			t.Errorf("kill %d after %v: the PDF and DOCX are not a pair", i, time.Since(t0))
		}
	}
	if _, _, err := b.BuildContext(context.Background(), input, "", pair); err != nil {
		t.Fatal(err)
	}
	if got := listDir(t, dir); got != "x.docx x.pdf x.toml" {
		t.Errorf("after the next build the folder holds %q", got)
	}
	t.Logf("%d kills in %v", kills, time.Since(start))
}

// TestRebuildOFD: a second build replaces the OFD the first one wrote (it is ours).
func TestRebuildOFD(t *testing.T) {
	dir := t.TempDir()
	all := []Format{PDF, DOCX, OFD}
	for i := range 2 {
		if _, _, err := NewBuilder(nil, false).Build("../samples/notice.toml", dir, all); err != nil {
			t.Fatalf("build %d: %v", i+1, err)
		}
	}
}
