package content

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

//go:embed messages/*.json pages/*/*.md
var files embed.FS

// tables is the parsed content of the embedded files.
type tables struct {
	msgs  map[Lang]map[string]string
	pages map[Lang]map[string]string
}

var (
	loadOnce sync.Once
	loaded   *tables
)

// data returns the parsed embedded files. A broken embedded file is a
// build defect that the package tests catch, so it panics.
func data() *tables {
	loadOnce.Do(func() {
		t, err := parse(files)
		if err != nil {
			panic(fmt.Sprintf("content: embedded text is broken: %v", err))
		}
		loaded = t
	})
	return loaded
}

// parse reads messages/<lang>.json and pages/<lang>/<id>.md from fsys.
func parse(fsys fs.FS) (*tables, error) {
	t := &tables{
		msgs:  map[Lang]map[string]string{},
		pages: map[Lang]map[string]string{},
	}
	for _, l := range Langs() {
		raw, err := fs.ReadFile(fsys, "messages/"+string(l)+".json")
		if err != nil {
			return nil, fmt.Errorf("read %s messages: %w", l, err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("parse %s messages: %w", l, err)
		}
		t.msgs[l] = m

		dir := "pages/" + string(l)
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			return nil, fmt.Errorf("list %s pages: %w", l, err)
		}
		p := map[string]string{}
		for _, e := range entries {
			if e.IsDir() || path.Ext(e.Name()) != ".md" {
				continue
			}
			b, err := fs.ReadFile(fsys, dir+"/"+e.Name())
			if err != nil {
				return nil, fmt.Errorf("read %s page %s: %w", l, e.Name(), err)
			}
			p[strings.TrimSuffix(e.Name(), ".md")] = string(b)
		}
		t.pages[l] = p
	}
	return t, nil
}

// sortedKeys returns the union of the keys of the given maps, sorted.
func sortedKeys(ms ...map[string]string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range ms {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}
