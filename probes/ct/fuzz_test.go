package ct

import (
	"testing"
	"time"

	"github.com/certwiz/certwiz/faultlab/ctlab"
)

// FuzzParseSCTList feeds arbitrary bytes to the SCT-list parser and each
// SCT it yields to the SCT parser and the whole check: nothing may panic.
func FuzzParseSCTList(f *testing.F) {
	w := newWorld(f)
	leaf := w.issue(f, nil)
	var scts [][]byte
	for _, l := range []*ctlab.Log{w.a1, w.b1} {
		s, err := l.SignCert(leaf.Cert.Raw, time.Now(), false)
		if err != nil {
			f.Fatal(err)
		}
		scts = append(scts, s)
	}
	list, err := ctlab.MarshalSCTList(scts)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(list)
	f.Add(list[:len(list)/2])
	f.Add([]byte{0, 0})
	f.Add([]byte{0, 3, 0, 1, 0})
	in := w.input(leaf)
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := parseSCTList(data)
		if err != nil {
			return
		}
		for _, raw := range got {
			_, _ = parseSCT(raw)
		}
		in := in
		in.TLSSCTs = got
		if r := Check(in); r.Verdict == "" {
			t.Fatal("no verdict")
		}
	})
}

// FuzzParseSCT feeds arbitrary bytes as one delivered SCT.
func FuzzParseSCT(f *testing.F) {
	w := newWorld(f)
	leaf := w.issue(f, nil)
	s, err := w.a1.SignCert(leaf.Cert.Raw, time.Now(), false)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(s)
	in := w.input(leaf)
	f.Fuzz(func(t *testing.T, data []byte) {
		in := in
		in.OCSPSCTs = [][]byte{data}
		if r := Check(in); len(r.SCTs) != 1 {
			t.Fatalf("%d SCTs reported for one input", len(r.SCTs))
		}
	})
}
