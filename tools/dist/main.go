// Command dist builds the programs that office computers download: gongwen for
// Windows, macOS and Linux (including the loong64 of domestic machines), each zipped
// with a README for office staff, the sample documents and the licences, and a
// SHA256SUMS file. Run it from the repository:
//
//	go run ./tools/dist                  # every target into dist/
//	go run ./tools/dist -targets windows/amd64,linux/loong64 -o /tmp/d
//
// The archives are reproducible: the binaries are built with -trimpath and the VCS
// stamp, and every zip entry carries the commit's time, so the same commit built
// twice gives byte-identical archives (with the same Go release).
//
// Version: the tag vX.Y.Z on the commit gives X.Y.Z; otherwise the version is
// NEXT-YYYYMMDD-COMMIT, where NEXT is the last tag with its patch number raised
// (0.1.0 when there is no tag), YYYYMMDD the commit's date (UTC) and COMMIT its first
// 7 hex digits; "-dirty" is appended when the work tree has uncommitted changes.
package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// target is a platform gongwen is built for.
type target struct{ goos, goarch string }

func (t target) String() string { return t.goos + "/" + t.goarch }

// exe is the program's file name on the target.
func (t target) exe() string {
	if t.goos == "windows" {
		return "gongwen.exe"
	}
	return "gongwen"
}

// targets are the platforms of the issue: Windows on most office desks, a Mac now and
// then, and UOS or Kylin on x86, ARM or Loongson machines.
var targets = []target{
	{"windows", "amd64"}, {"windows", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"linux", "amd64"}, {"linux", "arm64"}, {"linux", "loong64"},
}

func main() {
	out := flag.String("o", "dist", "output `folder`")
	list := flag.String("targets", "", "comma-separated `os/arch` list (default: all seven)")
	flag.Parse()
	if err := run(*out, *list, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "dist:", err)
		os.Exit(1)
	}
}

func run(outDir, list string, log io.Writer) error {
	chosen, err := parseTargets(list)
	if err != nil {
		return err
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	src, err := describe(root)
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "gongwen %s (commit %s, %s)\n", src.version, short(src.commit), src.time.Format(time.RFC3339))
	extras, err := archiveFiles(root)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	// Each run works in its own folder and renames finished files into place, so two
	// runs at once never see each other's half-written files.
	work, err := os.MkdirTemp(outDir, ".build-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	// The builds run one after another: each go build already uses every core, and
	// the build cache they share makes the later ones quicker. Zipping the previous
	// target overlaps the next build.
	names := make([]string, len(chosen))
	errs := make([]error, len(chosen))
	var wg sync.WaitGroup
	for i, t := range chosen {
		start := time.Now()
		bin := filepath.Join(work, t.goos+"-"+t.goarch, t.exe())
		if err := build(root, t, src, bin); err != nil {
			wg.Wait()
			return fmt.Errorf("%s: %w", t, err)
		}
		if err := checkBinary(bin, t); err != nil {
			wg.Wait()
			return fmt.Errorf("%s: %w", t, err)
		}
		fmt.Fprintf(log, "built %-14s %5.1f s\n", t, time.Since(start).Seconds())
		names[i] = archiveName(src.version, t)
		wg.Go(func() {
			errs[i] = writeArchive(filepath.Join(work, names[i]), t, src, bin, extras)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}

	var sums bytes.Buffer
	for _, name := range names {
		sum, err := fileSHA256(filepath.Join(work, name))
		if err != nil {
			return err
		}
		fmt.Fprintf(&sums, "%x  %s\n", sum, name)
	}
	if err := os.WriteFile(filepath.Join(work, "SHA256SUMS"), sums.Bytes(), 0o644); err != nil {
		return err
	}
	for _, name := range append(names, "SHA256SUMS") {
		if err := os.Rename(filepath.Join(work, name), filepath.Join(outDir, name)); err != nil {
			return err
		}
	}
	fmt.Fprintf(log, "%s", sums.String())
	return nil
}

// parseTargets reads the -targets list; empty means all.
func parseTargets(list string) ([]target, error) {
	if list == "" {
		return targets, nil
	}
	var out []target
	for _, s := range strings.Split(list, ",") {
		goos, goarch, _ := strings.Cut(strings.TrimSpace(s), "/")
		t := target{goos, goarch}
		if !slices.Contains(targets, t) {
			return nil, fmt.Errorf("unknown target %q (known: %v)", s, targets)
		}
		out = append(out, t)
	}
	return out, nil
}

// moduleRoot is the folder of the gongwen module's go.mod.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("run go run ./tools/dist inside the gongwen repository")
	}
	return filepath.Dir(gomod), nil
}

// build compiles gongwen for t into bin. The environment is set in full, so the
// user's GOFLAGS, GOAMD64 and the like cannot change the bytes.
func build(root string, t target, src source, bin string) error {
	vcs := "-buildvcs=true"
	if src.commit == "" {
		vcs = "-buildvcs=false"
	}
	cmd := exec.Command("go", "build", "-trimpath", vcs,
		"-ldflags=-s -w -X main.version="+src.version,
		"-o", bin, "./cmd/gongwen")
	cmd.Dir = root
	cmd.Env = append(os.Environ(),
		"GOOS="+t.goos, "GOARCH="+t.goarch, "CGO_ENABLED=0",
		"GOAMD64=v1", "GOARM64=v8.0", "GOFLAGS=-mod=readonly", "GOEXPERIMENT=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, stderr.String())
	}
	return nil
}

// archiveName is the zip's name, e.g. gongwen-1.2.0-windows-amd64.zip.
func archiveName(version string, t target) string {
	return fmt.Sprintf("gongwen-%s-%s-%s.zip", version, t.goos, t.goarch)
}

func fileSHA256(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

func short(commit string) string {
	if len(commit) > 7 {
		return commit[:7]
	}
	if commit == "" {
		return "unknown"
	}
	return commit
}
