package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestVersionOf(t *testing.T) {
	at := time.Date(2024, 1, 10, 23, 30, 0, 0, time.FixedZone("CST", 8*3600)) // 15:30 UTC
	commit := "27bca73c0ffee"
	tests := []struct {
		exact, last string
		dirty       bool
		want        string
	}{
		{"v1.2.0", "v1.2.0", false, "1.2.0"},
		{"v1.2.0", "v1.2.0", true, "1.2.0-dirty"},
		{"", "v1.2.0", false, "1.2.1-20240110-27bca73"},
		{"", "", false, "0.1.0-20240110-27bca73"},
		{"", "", true, "0.1.0-20240110-27bca73-dirty"},
		{"v1.2", "v1.2", false, "0.1.0-20240110-27bca73"}, // not X.Y.Z: ignored
	}
	for _, tt := range tests {
		if got := versionOf(tt.exact, tt.last, at, commit, tt.dirty); got != tt.want {
			t.Errorf("versionOf(%q, %q, dirty %v) = %q, want %q", tt.exact, tt.last, tt.dirty, got, tt.want)
		}
	}
}

func TestParseTargets(t *testing.T) {
	all, err := parseTargets("")
	if err != nil || len(all) != 7 {
		t.Fatalf("parseTargets(\"\") = %v, %v", all, err)
	}
	got, err := parseTargets("windows/amd64, linux/loong64")
	if err != nil || len(got) != 2 || got[1] != (target{"linux", "loong64"}) {
		t.Errorf("parseTargets = %v, %v", got, err)
	}
	if _, err := parseTargets("windows/386"); err == nil || !strings.Contains(err.Error(), `unknown target "windows/386"`) {
		t.Errorf("parseTargets(windows/386) error = %v", err)
	}
	if got := archiveName("1.2.0", target{"windows", "amd64"}); got != "gongwen-1.2.0-windows-amd64.zip" {
		t.Errorf("archiveName = %q", got)
	}
}

// TestReadme checks the office README of each system: the three commands that print
// the sample, the folder named like the archive, and Notepad's UTF-8 on Windows.
func TestReadme(t *testing.T) {
	tests := []struct {
		t    target
		want []string
	}{
		{target{"windows", "amd64"}, []string{
			"\ufeffgongwen 1.2.0 使用说明\r\n",
			`      cd /d "%USERPROFILE%\Downloads\gongwen-1.2.0-windows-amd64"` + "\r\n" +
				`      gongwen build samples\work-summary-2023.toml` + "\r\n" +
				`      start samples\work-summary-2023.pdf` + "\r\n",
			"  gongwen.exe    程序本身\r\n  README.txt        本说明\r\n  samples\\          示例公文",
			"“仍要运行”",
		}},
		{target{"darwin", "arm64"}, []string{
			"      cd ~/Downloads/gongwen-1.2.0-darwin-arm64\n" +
				"      ./gongwen build samples/work-summary-2023.toml\n" +
				"      open samples/work-summary-2023.pdf\n",
			"xattr -d com.apple.quarantine gongwen",
			"华文仿宋",
		}},
		{target{"linux", "loong64"}, []string{
			"      cd ~/Downloads/gongwen-1.2.0-linux-loong64\n" +
				"      ./gongwen build samples/work-summary-2023.toml\n" +
				"      xdg-open samples/work-summary-2023.pdf\n",
			"龙芯 3A5000、3A6000 等用 linux-loong64",
			"CESI 仿宋",
		}},
	}
	for _, tt := range tests {
		b, err := readme(tt.t, "1.2.0")
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		for _, w := range tt.want {
			if !strings.Contains(s, w) {
				t.Errorf("%s README lacks %q:\n%s", tt.t, w, s)
			}
		}
		if tt.t.goos != "windows" && strings.Contains(s, "\r") {
			t.Errorf("%s README has CR", tt.t)
		}
		if tt.t.goos == "windows" && strings.Count(s, "\n") != strings.Count(s, "\r\n") {
			t.Errorf("%s README has bare LF", tt.t)
		}
	}
}

// TestWriteArchive checks the zip's entries: one folder, sorted, the program
// executable, every entry at the commit's time; and that the bytes repeat.
func TestWriteArchive(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "gongwen")
	if err := os.WriteFile(bin, []byte("\x7fELF program"), 0o755); err != nil {
		t.Fatal(err)
	}
	src := source{version: "1.2.0", commit: "abc", time: time.Date(2024, 1, 10, 8, 0, 0, 0, time.UTC)}
	extras := []file{{"samples/a.toml", []byte("title = \"甲\"\n")}, {"licenses/LICENSE.txt", []byte("MIT")}}
	tg := target{"linux", "arm64"}
	var zips [2][]byte
	for i := range zips {
		p := filepath.Join(dir, archiveName(src.version, tg))
		if err := writeArchive(p, tg, src, bin, extras); err != nil {
			t.Fatal(err)
		}
		zips[i], _ = os.ReadFile(p)
	}
	if !bytes.Equal(zips[0], zips[1]) {
		t.Error("two archives of the same inputs differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(zips[0]), int64(len(zips[0])))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(src.time) {
			t.Errorf("%s: time %v, want %v", f.Name, f.Modified, src.time)
		}
		wantMode := "-rw-r--r--"
		if strings.HasSuffix(f.Name, "/gongwen") {
			wantMode = "-rwxr-xr-x"
		}
		if f.Mode().String() != wantMode {
			t.Errorf("%s: mode %v, want %s", f.Name, f.Mode(), wantMode)
		}
	}
	want := "gongwen-1.2.0-linux-arm64/README.txt gongwen-1.2.0-linux-arm64/gongwen " +
		"gongwen-1.2.0-linux-arm64/licenses/LICENSE.txt gongwen-1.2.0-linux-arm64/samples/a.toml"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("entries\n%s\nwant\n%s", got, want)
	}
	rc, _ := zr.File[1].Open()
	prog, _ := io.ReadAll(rc)
	if string(prog) != "\x7fELF program" {
		t.Errorf("program = %q", prog)
	}
}

// TestDist builds two targets twice, as CI does, and checks that the archives are
// byte-identical, hold valid programs and are listed in SHA256SUMS.
func TestDist(t *testing.T) {
	if testing.Short() {
		t.Skip("builds gongwen for two systems")
	}
	var sums [2]string
	for i := range sums {
		out := t.TempDir()
		var log bytes.Buffer
		if err := run(out, "windows/amd64,linux/loong64", &log); err != nil {
			t.Fatalf("%v\n%s", err, log.String())
		}
		b, err := os.ReadFile(filepath.Join(out, "SHA256SUMS"))
		if err != nil {
			t.Fatal(err)
		}
		sums[i] = string(b)
		lines := strings.Split(strings.TrimSpace(sums[i]), "\n")
		if len(lines) != 2 || !strings.HasSuffix(lines[0], "-windows-amd64.zip") || !strings.HasSuffix(lines[1], "-linux-loong64.zip") {
			t.Fatalf("SHA256SUMS:\n%s", sums[i])
		}
		entries, _ := os.ReadDir(out)
		if len(entries) != 3 {
			t.Errorf("%d files in the output folder, want 2 archives and SHA256SUMS", len(entries))
		}
	}
	if sums[0] != sums[1] {
		t.Errorf("two builds differ:\n%s\n%s", sums[0], sums[1])
	}
}

// TestCheckBinary checks that a program for the wrong system is refused.
func TestCheckBinary(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// The test binary is an ELF or Mach-O or PE file of the machine running the test;
	// it is never a loong64 Linux program and never both PE and ELF.
	for _, tg := range []target{{"windows", "arm64"}, {"linux", "loong64"}} {
		if err := checkBinary(self, tg); err == nil {
			t.Errorf("checkBinary(test binary, %s) passed", tg)
		}
	}
	junk := filepath.Join(t.TempDir(), "gongwen.exe")
	os.WriteFile(junk, []byte("MZ not really"), 0o644)
	if err := checkBinary(junk, target{"windows", "amd64"}); err == nil || !strings.Contains(err.Error(), "not a PE file") {
		t.Errorf("checkBinary(junk) = %v", err)
	}
}
