package main

import (
	"archive/zip"
	"bytes"
	"debug/elf"
	"debug/macho"
	"debug/pe"
	_ "embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
)

// file is one file of an archive besides the program.
type file struct {
	name string // path inside the archive's folder, with slashes
	data []byte
}

// archiveFiles reads what every archive carries: the samples to print, the content
// format, the licence of gongwen and those of the bundled fonts.
func archiveFiles(root string) ([]file, error) {
	var files []file
	add := func(from, to string) error {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(from)))
		if err != nil {
			return err
		}
		files = append(files, file{to, data})
		return nil
	}
	samples, err := filepath.Glob(filepath.Join(root, "samples", "*"))
	if err != nil {
		return nil, err
	}
	for _, p := range samples {
		if ext := filepath.Ext(p); ext == ".toml" || ext == ".png" {
			if err := add("samples/"+filepath.Base(p), "samples/"+filepath.Base(p)); err != nil {
				return nil, err
			}
		}
	}
	licences, err := fs.Glob(os.DirFS(root), "fonts/licenses/*")
	if err != nil {
		return nil, err
	}
	for _, p := range licences {
		if err := add(p, "licenses/fonts/"+path.Base(p)); err != nil {
			return nil, err
		}
	}
	for _, c := range [][2]string{
		{"LICENSE", "licenses/LICENSE.txt"},
		{"fonts/NOTICE", "licenses/fonts-NOTICE.txt"},
		{"docs/content-format.md", "docs/content-format.md"},
	} {
		if err := add(c[0], c[1]); err != nil {
			return nil, err
		}
	}
	return files, nil
}

//go:embed README.txt.tmpl
var readmeText string

var readmeTemplate = template.Must(template.New("README.txt").Parse(readmeText))

// readme is the README for office staff, for one target. On Windows it has a byte
// order mark and CRLF line ends, which every version of Notepad reads as UTF-8.
func readme(t target, version string) ([]byte, error) {
	var b bytes.Buffer
	err := readmeTemplate.Execute(&b, map[string]string{
		"Version": version, "OS": t.goos, "Arch": t.goarch, "Exe": t.exe(),
		"Folder": strings.TrimSuffix(archiveName(version, t), ".zip"),
		"Sep":    map[bool]string{true: `\`, false: "/"}[t.goos == "windows"],
	})
	if err != nil {
		return nil, err
	}
	if t.goos != "windows" {
		return b.Bytes(), nil
	}
	return append([]byte("\ufeff"), bytes.ReplaceAll(b.Bytes(), []byte("\n"), []byte("\r\n"))...), nil
}

// writeArchive writes the zip of one target: a folder named like the archive holding
// the program, the README, the samples and the licences. Entries are sorted and all
// carry the commit's time, so the bytes depend only on the inputs.
func writeArchive(dst string, t target, src source, bin string, extras []file) error {
	prog, err := os.ReadFile(bin)
	if err != nil {
		return err
	}
	text, err := readme(t, src.version)
	if err != nil {
		return err
	}
	files := append([]file{{t.exe(), prog}, {"README.txt", text}}, extras...)
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.name, b.name) })

	folder := strings.TrimSuffix(filepath.Base(dst), ".zip")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		h := &zip.FileHeader{Name: folder + "/" + f.name, Method: zip.Deflate, Modified: src.time.UTC()}
		mode := fs.FileMode(0o644)
		if f.name == t.exe() {
			mode = 0o755
		}
		h.SetMode(mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := w.Write(f.data); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(dst, buf.Bytes(), 0o644)
}

// checkBinary checks that bin is an executable of t's kind: a console PE for Windows,
// Mach-O for macOS, ELF for Linux, each for the right processor.
func checkBinary(bin string, t target) error {
	switch t.goos {
	case "windows":
		f, err := pe.Open(bin)
		if err != nil {
			return fmt.Errorf("not a PE file: %w", err)
		}
		defer f.Close()
		want := map[string]uint16{"amd64": pe.IMAGE_FILE_MACHINE_AMD64, "arm64": pe.IMAGE_FILE_MACHINE_ARM64}[t.goarch]
		if f.Machine != want {
			return fmt.Errorf("PE machine %#x, want %#x", f.Machine, want)
		}
		oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
		if !ok || oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_CUI {
			return fmt.Errorf("not a 64-bit console program (optional header %T)", f.OptionalHeader)
		}
	case "darwin":
		f, err := macho.Open(bin)
		if err != nil {
			return fmt.Errorf("not a Mach-O file: %w", err)
		}
		defer f.Close()
		want := map[string]macho.Cpu{"amd64": macho.CpuAmd64, "arm64": macho.CpuArm64}[t.goarch]
		if f.Cpu != want || f.Type != macho.TypeExec {
			return fmt.Errorf("Mach-O %v %v, want an executable for %v", f.Type, f.Cpu, want)
		}
	default:
		f, err := elf.Open(bin)
		if err != nil {
			return fmt.Errorf("not an ELF file: %w", err)
		}
		defer f.Close()
		want := map[string]elf.Machine{"amd64": elf.EM_X86_64, "arm64": elf.EM_AARCH64, "loong64": elf.EM_LOONGARCH}[t.goarch]
		if f.Machine != want || f.Type != elf.ET_EXEC {
			return fmt.Errorf("ELF %v %v, want an executable for %v", f.Type, f.Machine, want)
		}
	}
	return nil
}
