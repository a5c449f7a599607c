package netctx

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"path"
	"sort"
	"strconv"
	"strings"
)

// maxIncludeDepth bounds chrony include recursion (include loops).
const maxIncludeDepth = 8

// ntpConfig is the result of reading one daemon's configuration.
type ntpConfig struct {
	Servers []string
	// Files lists the files read, in order.
	Files []string
	// Problems lists lines or files that could not be understood.
	Problems []string
}

func (c *ntpConfig) problem(format string, a ...any) {
	c.Problems = append(c.Problems, fmt.Sprintf(format, a...))
}

// chronyPaths are where distributions keep chrony.conf.
var chronyPaths = []string{"etc/chrony/chrony.conf", "etc/chrony.conf"}

// readChrony reads the first chrony.conf found, following include,
// confdir and sourcedir. ok is false when no chrony.conf exists.
func readChrony(fsys fs.FS) (c ntpConfig, ok bool) {
	for _, p := range chronyPaths {
		if _, err := fs.Stat(fsys, p); err == nil {
			c.readChronyFile(fsys, p, 0, false)
			return c, true
		}
	}
	return c, false
}

// readChronyFile reads one chrony file. sourcesOnly is set for sourcedir
// files, which may hold only server, pool and peer lines.
func (c *ntpConfig) readChronyFile(fsys fs.FS, name string, depth int, sourcesOnly bool) {
	if depth > maxIncludeDepth {
		c.problem("%s: includes nested too deeply", slash(name))
		return
	}
	data, err := readText(fsys, name)
	if err != nil {
		c.problem("%v", err)
		return
	}
	c.Files = append(c.Files, slash(name))
	for n, line := range strings.Split(data, "\n") {
		if i := strings.IndexAny(line, "#!;%"); i >= 0 && (i == 0 || strings.TrimSpace(line[:i]) == "") {
			continue // comment line
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		switch strings.ToLower(f[0]) {
		case "server", "pool", "peer":
			if len(f) < 2 {
				c.problem("%s:%d: %s without a host", slash(name), n+1, f[0])
				continue
			}
			c.Servers = append(c.Servers, chronyServer(f[1], f[2:]))
		case "include":
			if sourcesOnly || len(f) < 2 {
				c.problem("%s:%d: unexpected %q", slash(name), n+1, strings.TrimSpace(line))
				continue
			}
			c.readGlob(fsys, f[1], depth, false)
		case "confdir", "sourcedir":
			if sourcesOnly || len(f) < 2 {
				c.problem("%s:%d: unexpected %q", slash(name), n+1, strings.TrimSpace(line))
				continue
			}
			ext := ".conf"
			if strings.ToLower(f[0]) == "sourcedir" {
				ext = ".sources"
			}
			c.readDirs(fsys, f[1:], ext, depth, ext == ".sources")
		default:
			if sourcesOnly {
				c.problem("%s:%d: unexpected directive %q in a sources file", slash(name), n+1, f[0])
			}
		}
	}
}

// chronyServer returns host, or host:port when a port option is given.
func chronyServer(host string, opts []string) string {
	for i := 0; i+1 < len(opts); i++ {
		if strings.EqualFold(opts[i], "port") {
			if p, err := strconv.Atoi(opts[i+1]); err == nil && p > 0 && p <= 65535 && p != 123 {
				return net.JoinHostPort(host, opts[i+1])
			}
		}
	}
	return host
}

func (c *ntpConfig) readGlob(fsys fs.FS, pattern string, depth int, sourcesOnly bool) {
	matches, err := fs.Glob(fsys, rel(pattern))
	if err != nil {
		c.problem("include %s: %v", pattern, err)
		return
	}
	sort.Strings(matches)
	for _, m := range matches {
		c.readChronyFile(fsys, m, depth+1, sourcesOnly)
	}
}

// readDirs reads the files with extension ext from dirs, in name order;
// a name already seen in an earlier directory is skipped, as chrony does.
func (c *ntpConfig) readDirs(fsys fs.FS, dirs []string, ext string, depth int, sourcesOnly bool) {
	seen := map[string]string{}
	for _, d := range dirs {
		entries, err := fs.ReadDir(fsys, rel(d))
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				c.problem("%s: %v", d, err)
			}
			continue
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ext) {
				continue
			}
			if _, dup := seen[e.Name()]; !dup {
				seen[e.Name()] = path.Join(rel(d), e.Name())
			}
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c.readChronyFile(fsys, seen[n], depth+1, sourcesOnly)
	}
}

// timesyncdDropinDirs are the drop-in directories, lowest precedence last
// (a file name in an earlier directory overrides the same name later).
var timesyncdDropinDirs = []string{"etc/systemd/timesyncd.conf.d", "run/systemd/timesyncd.conf.d", "usr/local/lib/systemd/timesyncd.conf.d", "usr/lib/systemd/timesyncd.conf.d"}

// readTimesyncd reads timesyncd.conf and its drop-ins. It returns the
// NTP= servers, or the FallbackNTP= servers when NTP= is empty. ok is
// false when no timesyncd configuration exists.
func readTimesyncd(fsys fs.FS) (c ntpConfig, fallback bool, ok bool) {
	files := []string{}
	if _, err := fs.Stat(fsys, "etc/systemd/timesyncd.conf"); err == nil {
		files = append(files, "etc/systemd/timesyncd.conf")
	}
	seen := map[string]string{}
	for _, d := range timesyncdDropinDirs {
		entries, err := fs.ReadDir(fsys, d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if _, dup := seen[e.Name()]; !dup && !e.IsDir() && strings.HasSuffix(e.Name(), ".conf") {
				seen[e.Name()] = path.Join(d, e.Name())
			}
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		files = append(files, seen[n])
	}
	if len(files) == 0 {
		return c, false, false
	}
	var ntp, fb []string
	for _, f := range files {
		data, err := readText(fsys, f)
		if err != nil {
			c.problem("%v", err)
			continue
		}
		c.Files = append(c.Files, slash(f))
		section := ""
		for n, line := range strings.Split(data, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || line[0] == '#' || line[0] == ';' {
				continue
			}
			if strings.HasPrefix(line, "[") {
				if !strings.HasSuffix(line, "]") {
					c.problem("%s:%d: malformed section %q", slash(f), n+1, line)
				}
				section = strings.Trim(line, "[]")
				continue
			}
			if section != "Time" {
				continue
			}
			k, v, found := strings.Cut(line, "=")
			if !found {
				c.problem("%s:%d: not a key=value line: %q", slash(f), n+1, line)
				continue
			}
			switch strings.TrimSpace(k) {
			case "NTP":
				ntp = assignList(ntp, v)
			case "FallbackNTP":
				fb = assignList(fb, v)
			}
		}
	}
	c.Servers = ntp
	if len(ntp) == 0 {
		c.Servers, fallback = fb, true
	}
	return c, fallback, true
}

// assignList applies a systemd list assignment: empty resets, otherwise
// the names are appended.
func assignList(list []string, v string) []string {
	f := strings.Fields(v)
	if len(f) == 0 {
		return nil
	}
	return append(list, f...)
}

// readNTPConf reads an ntpd-style file (server/pool/peer lines), as
// /etc/ntp.conf on macOS and older Linux systems.
func readNTPConf(fsys fs.FS, name string) (c ntpConfig, ok bool) {
	if _, err := fs.Stat(fsys, name); err != nil {
		return c, false
	}
	data, err := readText(fsys, name)
	if err != nil {
		c.problem("%v", err)
		return c, true
	}
	c.Files = append(c.Files, slash(name))
	for n, line := range strings.Split(data, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		switch f[0] {
		case "server", "pool", "peer":
			if len(f) < 2 {
				c.problem("%s:%d: %s without a host", slash(name), n+1, f[0])
				continue
			}
			c.Servers = append(c.Servers, f[1])
		}
	}
	return c, true
}

// readText reads a configuration file and refuses binary content.
func readText(fsys fs.FS, name string) (string, error) {
	b, err := readFile(fsys, name)
	if err != nil {
		return "", fmt.Errorf("%s: %w", slash(name), err)
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return "", fmt.Errorf("%s: not a text file", slash(name))
	}
	return string(b), nil
}

// rel turns an absolute path of the configuration into a path of the
// fs.FS rooted at "/".
func rel(p string) string { return strings.TrimLeft(path.Clean("/"+p), "/") }

// slash shows an fs.FS path as the absolute path users know.
func slash(p string) string { return "/" + strings.TrimLeft(p, "/") }
