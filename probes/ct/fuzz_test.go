package ct

import (
	"bytes"
	"crypto/x509"
	"crypto/x509/pkix"
	"testing"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/ctlab"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
	ctgo "github.com/google/certificate-transparency-go"
	cttls "github.com/google/certificate-transparency-go/tls"
)

// FuzzParseSCTList feeds arbitrary bytes to the SCT-list parser and each
// SCT it yields to the SCT parser and the whole check: nothing may panic.
func FuzzParseSCTList(f *testing.F) {
	w := newWorld(f)
	leaf := w.issue(f, nil)
	scts, err := ctlab.SignCerts(leaf.Cert.Raw, time.Now(), w.a1, w.b1)
	if err != nil {
		f.Fatal(err)
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
	w, leaf, s := deliveredSCT(f)
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

// FuzzEmbeddedSCTExtension puts arbitrary bytes in the leaf's SCT-list
// extension. A list that cannot be read must never be taken for an
// absent one: CT applies here and nothing else carries SCTs, so the
// verdict is a code-4 failure naming the embedded source.
func FuzzEmbeddedSCTExtension(f *testing.F) {
	w := newWorld(f)
	good := w.issue(f, []ctlab.SCTSpec{{Log: w.a1}, {Log: w.b1}})
	for _, e := range good.Cert.Extensions {
		if e.Id.Equal(oidEmbeddedSCTs) {
			f.Add(e.Value)
			f.Add(e.Value[:len(e.Value)-3])
		}
	}
	f.Add([]byte{0x04, 0x02, 0x00, 0x00})
	f.Add([]byte{0x05, 0x00})
	f.Add([]byte{})
	in := w.input(w.issue(f, nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		leaf := *in.Chain[0]
		leaf.Extensions = append(leaf.Extensions[:len(leaf.Extensions):len(leaf.Extensions)],
			pkix.Extension{Id: oidEmbeddedSCTs, Value: data})
		in := in
		in.Chain = []*x509.Certificate{&leaf, in.Chain[1]}
		r := Check(in)
		if _, err := embeddedSCTs(&leaf); err == nil {
			return
		}
		if r.Verdict != VerdictNotCompliant || findings.Primary(r.Findings) != findings.CodeCTInvalid {
			t.Fatalf("unreadable list: verdict %s, codes %v", r.Verdict, findings.Codes(r.Findings))
		}
		var named bool
		for _, f := range r.Findings {
			if f.ID == IDMalformedSCTList && f.Value(LabelSource) == string(SourceEmbedded) {
				named = true
			}
		}
		if !named {
			t.Fatalf("no malformed-list finding naming the embedded source: %v", idsOf(r))
		}
	})
}

// FuzzParseSCTMatchesCTGo holds parseSCT to certificate-transparency-go's
// reflective decoder: both accept the same bytes and read the same fields.
func FuzzParseSCTMatchesCTGo(f *testing.F) {
	_, _, s := deliveredSCT(f)
	f.Add(s)
	f.Add(s[:len(s)-1])
	f.Add(append(append([]byte(nil), s...), 0))
	withExt := append([]byte(nil), s[:41]...)
	withExt = append(withExt, 0, 3, 'a', 'b', 'c')
	withExt = append(withExt, s[43:]...)
	f.Add(withExt)
	bumped := append([]byte(nil), s...)
	bumped[0] = 1
	f.Add(bumped)
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := parseSCT(data)
		var want ctgo.SignedCertificateTimestamp
		rest, werr := cttls.Unmarshal(data, &want)
		wantOK := werr == nil && len(rest) == 0 && want.SCTVersion == ctgo.V1
		if (err == nil) != wantOK {
			t.Fatalf("parseSCT error %v; certificate-transparency-go error %v, %d bytes left, version %d", err, werr, len(rest), want.SCTVersion)
		}
		if err != nil {
			return
		}
		if got.LogID != want.LogID || got.Timestamp != want.Timestamp || !bytes.Equal(got.Extensions, want.Extensions) ||
			got.Signature.Algorithm != want.Signature.Algorithm || !bytes.Equal(got.Signature.Signature, want.Signature.Signature) {
			t.Fatalf("parsed %+v, certificate-transparency-go %+v", got, want)
		}
	})
}

// deliveredSCT is a test world, a leaf in it, and a valid SCT over the
// leaf from the world's first log, as a server delivers it.
func deliveredSCT(tb testing.TB) (*world, *pki.Cert, []byte) {
	tb.Helper()
	w := newWorld(tb)
	leaf := w.issue(tb, nil)
	s, err := w.a1.SignCert(leaf.Cert.Raw, time.Now(), false)
	if err != nil {
		tb.Fatal(err)
	}
	return w, leaf, s
}
