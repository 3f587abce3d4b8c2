package generator

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/internal/safefile"
)

// Build reads the content file, renders the formats and writes DIR/NAME.pdf,
// DIR/NAME.docx and DIR/NAME.ofd as asked (NAME is the content file's base name; DIR
// defaults to its folder).
// The files are committed as a pair: nothing is written unless every format rendered,
// and a failure while writing leaves every old file as it was.
func (b *Builder) Build(input, dir string, formats []Format) (*Output, []string, error) {
	return b.BuildContext(context.Background(), input, dir, formats)
}

// BuildContext is Build that gives up when ctx is done: a cancelled build writes
// nothing and returns ctx's error.
func (b *Builder) BuildContext(ctx context.Context, input, dir string, formats []Format) (*Output, []string, error) {
	src, err := safefile.ReadPath(input, content.MaxFileSize)
	if err != nil {
		return nil, nil, fmt.Errorf("无法读取内容文件 %w", err)
	}
	if dir == "" {
		dir = filepath.Dir(input)
	}
	name := strings.TrimSuffix(filepath.Base(input), filepath.Ext(input))
	var paths []string
	for _, f := range formats {
		paths = append(paths, filepath.Join(dir, name+"."+string(f)))
	}
	for _, p := range paths {
		if err := overwritable(input, p); err != nil {
			return nil, nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	out, err := b.Render(input, src, formats)
	if err != nil {
		return nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("无法创建输出文件夹 %s：%s", dir, safefile.Reason(err))
	}
	files := make([]outFile, len(formats))
	for i, f := range formats {
		files[i] = outFile{paths[i], out.Files[f]}
	}
	if err := osDisk.commit(files); err != nil {
		return nil, nil, err
	}
	return out, paths, nil
}

// overwritable refuses an output path that is the content file itself (a content
// file named x.pdf), a folder, or a file gongwen did not write.
func overwritable(input, path string) error {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("无法写入 %s：%s", path, safefile.Reason(err))
	}
	if in, err := os.Stat(input); err == nil && os.SameFile(in, st) {
		return fmt.Errorf("无法写入 %s：这就是内容文件本身，生成的文件会把它覆盖；内容文件请以 .toml 结尾", path)
	}
	if st.IsDir() {
		return fmt.Errorf("无法写入 %s：已有一个同名的文件夹；请把它改名，或用 -o 指定另一个输出文件夹", path)
	}
	if !st.Mode().IsRegular() || !ours(path) {
		return fmt.Errorf("没有覆盖 %s：这个文件不是 gongwen 生成的，可能是别人的文件；请把它改名或移走，或用 -o 指定另一个输出文件夹", path)
	}
	return nil
}

// ours reports whether a file is one gongwen wrote: a PDF whose Producer, a DOCX whose
// docProps/app.xml Application, or an OFD whose DocInfo Creator is gongwen.
func ours(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
		// The Info dictionary follows the page tree, near the start.
		head, _ := io.ReadAll(io.LimitReader(f, 8<<20))
		return bytes.Contains(head, []byte("/Producer (gongwen)"))
	case ".docx":
		return zipHolds(f, "docProps/app.xml", "<Application>gongwen</Application>")
	case ".ofd":
		return zipHolds(f, "OFD.xml", "<ofd:Creator>gongwen</ofd:Creator>")
	}
	return false
}

// zipHolds reports whether the zip file f has a part name whose start holds mark.
func zipHolds(f *os.File, name, mark string) bool {
	st, err := f.Stat()
	if err != nil {
		return false
	}
	z, err := zip.NewReader(f, st.Size())
	if err != nil {
		return false
	}
	for _, e := range z.File {
		if e.Name != name {
			continue
		}
		r, err := e.Open()
		if err != nil {
			return false
		}
		defer r.Close()
		part, _ := io.ReadAll(io.LimitReader(r, 64<<10))
		return bytes.Contains(part, []byte(mark))
	}
	return false
}

// outFile is an output file: its path and its contents.
type outFile struct {
	path string
	data []byte
}

// tempPrefix starts the names of gongwen's temporary files, .gongwen-NAME.pdf-123.tmp,
// so that the next build recognises and removes those a killed build left.
const tempPrefix = ".gongwen-"

// tempFile is a temporary file being written.
type tempFile interface {
	io.Writer
	Sync() error
	Close() error
	Name() string
}

// disk is the file operations a commit makes; tests replace them to fail on purpose.
type disk struct {
	create func(dir, pattern string) (tempFile, error) // an empty file, mode 0644
	rename func(from, to string) error
	link   func(from, to string) error // a second name for the old file, to restore it
	remove func(name string) error
}

var osDisk = disk{
	create: func(dir, pattern string) (tempFile, error) {
		f, err := os.CreateTemp(dir, pattern)
		if err != nil {
			return nil, err
		}
		if err := f.Chmod(0o644); err != nil {
			f.Close()
			os.Remove(f.Name())
			return nil, err
		}
		return f, nil
	},
	rename: os.Rename,
	link:   linkOrCopy,
	remove: os.Remove,
}

// linkOrCopy keeps a second name for the file from: a hard link, or a copy on a disk
// that has none (FAT and exFAT memory sticks).
func linkOrCopy(from, to string) error {
	if os.Link(from, to) == nil {
		return nil
	}
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

// commit writes the files as a pair: each to a temporary file in its folder, flushed
// to the disk; then each old file is kept under a second name (a hard link) and the
// temporary files are renamed over the targets. On any failure the renamed targets
// get their old files back, and every temporary file is removed.
func (d disk) commit(files []outFile) error {
	for _, f := range files {
		d.removeStale(f.path)
	}
	var temps, backups []string
	cleanup := func() {
		for _, n := range append(temps, backups...) {
			if n != "" {
				d.remove(n)
			}
		}
	}
	for _, f := range files {
		name, err := d.writeTemp(f)
		if name != "" {
			temps = append(temps, name)
		}
		if err != nil {
			cleanup()
			return fmt.Errorf("无法写入 %s：%s", f.path, safefile.Reason(err))
		}
	}
	backups = make([]string, len(files))
	existed := make([]bool, len(files))
	for i, f := range files {
		if _, err := os.Lstat(f.path); err != nil {
			continue
		}
		existed[i] = true
		backup := strings.TrimSuffix(temps[i], ".tmp") + "-old.tmp"
		if d.link(f.path, backup) == nil {
			backups[i] = backup
		}
	}
	for i, f := range files {
		if err := d.rename(temps[i], f.path); err != nil {
			d.restore(files[:i], backups, existed)
			cleanup()
			return fmt.Errorf("无法写入 %s：%s；原有的文件保持不变", f.path, safefile.Reason(err))
		}
		temps[i] = ""
	}
	cleanup() // the backups
	syncDir(filepath.Dir(files[0].path))
	return nil
}

// writeTemp writes f's data to a new temporary file beside it and flushes it to the
// disk. It returns the temporary file's name as soon as it exists.
func (d disk) writeTemp(f outFile) (string, error) {
	t, err := d.create(filepath.Dir(f.path), tempPrefix+filepath.Base(f.path)+"-*.tmp")
	if err != nil {
		return "", err
	}
	_, err = t.Write(f.data)
	if err == nil {
		err = t.Sync()
	}
	if cerr := t.Close(); err == nil {
		err = cerr
	}
	return t.Name(), err
}

// restore puts back the old files of targets already renamed over: the kept link,
// or no file where there was none.
func (d disk) restore(done []outFile, backups []string, existed []bool) {
	for i, f := range done {
		switch {
		case backups[i] != "":
			if d.rename(backups[i], f.path) == nil {
				backups[i] = ""
			}
		case !existed[i]:
			d.remove(f.path)
		}
	}
}

// removeStale removes the temporary files an interrupted build of path left: ours
// (.gongwen-NAME-*.tmp) and those of older versions (.NAME.123456).
func (d disk) removeStale(path string) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		ours := strings.HasPrefix(n, tempPrefix+base+"-") && strings.HasSuffix(n, ".tmp")
		old := strings.HasPrefix(n, "."+base+".") && allDigits(n[len(base)+2:])
		if (ours || old) && e.Type().IsRegular() {
			d.remove(filepath.Join(dir, n))
		}
	}
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// syncDir flushes a folder's entries, so the renames survive a power cut. Windows
// cannot open a folder for this; NTFS journals the renames itself.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}

// WriteFileAtomic writes data to a temporary file beside path, flushes it to the disk
// and renames it over path, so readers see either the old file or the new one.
func WriteFileAtomic(path string, data []byte) error {
	return osDisk.commit([]outFile{{path, data}})
}
