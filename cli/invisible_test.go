package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// Invisible and reordering characters a certificate name can carry:
// bidi controls, zero-width characters, C1 controls, DEL, a soft hyphen.
const (
	invisibleCN  = "zo\u00adom\u200b.test\u202egpj.exe\u2066\u2069\u200e\u061c\ufeff\u2060"
	invisibleOrg = "Evil\u0085Corp\u009b31m\x7f\u200d"
	markdownCN   = "[Click here](http://evil.test/a) ![i](http://evil.test/i.png)"
)

// invisibleChain is an untrusted chain whose names carry the characters
// above and Markdown that would render live.
func invisibleChain(t *testing.T) *pki.Cert {
	t.Helper()
	root, err := pki.NewRoot(markdownCN, pki.Org(invisibleOrg))
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := root.Leaf([]string{tlslab.DefaultHost}, pki.CommonName(invisibleCN), pki.Org(invisibleOrg))
	if err != nil {
		t.Fatal(err)
	}
	return leaf
}

// rawInvisible returns the first character in s that a terminal would
// hide or act on, or -1.
func rawInvisible(s string) rune {
	for _, r := range s {
		switch {
		case r == '\n':
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f, r == 0x00ad, unicode.Is(unicode.Cf, r), r == utf8.RuneError:
			return r
		}
	}
	return -1
}

// TestCheckPrintsNoInvisibleCharacters runs `certwiz check` against a real
// loopback TLS server whose certificate names carry bidi, zero-width, C1,
// DEL and soft-hyphen characters. Neither the text nor the --json output
// carries one raw; the JSON still decodes to the exact names.
func TestCheckPrintsNoInvisibleCharacters(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.serve(t, tlslab.Valid, tlslab.WithCertificate(invisibleChain(t)))

	txt := certwiz(ctxT(t), e.args()...)
	if r := rawInvisible(txt.stdout + txt.err); r != -1 {
		t.Errorf("text output carries %U raw:\n%s", r, txt.stdout)
	}
	if !strings.Contains(txt.stdout, `\u00ad`) || !strings.Contains(txt.stdout, `\u202e`) {
		t.Errorf("text output does not show the hidden characters as escapes:\n%s", txt.stdout)
	}

	js := certwiz(ctxT(t), e.args("--json")...)
	if r := rawInvisible(js.stdout); r != -1 {
		t.Errorf("JSON output carries %U raw:\n%s", r, js.stdout)
	}
	var doc struct {
		Targets []struct {
			Chain []struct {
				Subject string `json:"subject"`
				Issuer  string `json:"issuer"`
			} `json:"chain"`
		} `json:"targets"`
	}
	if err := json.Unmarshal([]byte(js.stdout), &doc); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, js.stdout)
	}
	if len(doc.Targets) != 1 || len(doc.Targets[0].Chain) == 0 {
		t.Fatalf("no chain in the JSON:\n%s", js.stdout)
	}
	leaf := doc.Targets[0].Chain[0]
	if !strings.Contains(leaf.Subject, invisibleCN) || !strings.Contains(leaf.Subject, invisibleOrg) {
		t.Errorf("JSON subject %q lost the raw name", leaf.Subject)
	}
	if !strings.Contains(leaf.Issuer, "[Click here](http://evil.test/a)") {
		t.Errorf("JSON issuer %q lost the raw name", leaf.Issuer)
	}
}
