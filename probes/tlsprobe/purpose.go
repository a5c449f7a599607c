package tlsprobe

import (
	"crypto/x509"
	"fmt"
	"slices"
	"strings"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes/chainverify"
)

// checkPurpose is code 7: the leaf (and every CA above it) must allow
// server authentication, the leaf must not be a CA, and a leaf that
// restricts its key usage must allow the use the handshake makes of it.
func checkPurpose(chain []*x509.Certificate, suite uint16, tr trustResult) []findings.Finding {
	leaf := chain[0]
	var out []findings.Finding
	if !allowsServerAuth(leaf) {
		out = append(out, newFinding(IDBadPurpose, findings.CodeBadPurpose, findings.Critical, 0,
			"The certificate is not meant for servers: its extended key usage is "+ekuList(leaf)+".").
			With(LabelSubject, subjectName(leaf)).With(LabelEKU, ekuList(leaf)))
	} else if tr.ok && !tr.weakPath {
		if err := tr.serverAuth(chain); err != nil {
			idx := -1
			eku := ""
			for i, c := range chain[1:] {
				if !allowsServerAuth(c) {
					idx, eku = i+1, ekuList(c)
					break
				}
			}
			f := newFinding(IDBadPurpose, findings.CodeBadPurpose, findings.Critical, idx,
				"A certificate authority in the chain is not allowed to vouch for servers.").
				With(LabelSubject, subjectName(leaf))
			if eku != "" {
				f = f.With(LabelIssuer, subjectName(chain[idx])).With(LabelEKU, eku)
			}
			out = append(out, f.With(LabelReason, err.Error()))
		}
	}
	if leaf.BasicConstraintsValid && leaf.IsCA {
		out = append(out, newFinding(IDCAAsLeaf, findings.CodeBadPurpose, findings.Critical, 0,
			"The server presents a certificate authority's certificate as its own.").
			With(LabelSubject, subjectName(leaf)))
	}
	required, name := x509.KeyUsageDigitalSignature, "digitalSignature"
	if rsaKeyExchange(suite) {
		required, name = x509.KeyUsageKeyEncipherment, "keyEncipherment"
	}
	if leaf.KeyUsage != 0 && leaf.KeyUsage&required == 0 {
		out = append(out, newFinding(IDBadKeyUsage, findings.CodeBadPurpose, findings.Critical, 0,
			"The certificate's key usage ("+keyUsageList(leaf.KeyUsage)+") does not allow "+name+", which this connection needs.").
			With(LabelSubject, subjectName(leaf)).
			With(LabelKeyUsage, keyUsageList(leaf.KeyUsage)).
			With(LabelRequired, name))
	}
	return out
}

// allowsServerAuth reports whether c has no EKU extension or lists
// serverAuth or anyExtendedKeyUsage.
func allowsServerAuth(c *x509.Certificate) bool {
	if len(c.ExtKeyUsage) == 0 && len(c.UnknownExtKeyUsage) == 0 {
		return true
	}
	return slices.Contains(c.ExtKeyUsage, x509.ExtKeyUsageServerAuth) ||
		slices.Contains(c.ExtKeyUsage, x509.ExtKeyUsageAny)
}

// serverAuth is x509's serverAuth verdict on the trusted chain; for a
// path trusted only as a whole of separately valid parts (dateless),
// where no time suits x509, it is x509's own key-usage rule applied to
// the path.
func (tr trustResult) serverAuth(chain []*x509.Certificate) error {
	if !tr.dateless {
		return verifyServerAuth(chain, tr)
	}
	for _, c := range tr.path[1:] {
		if !allowsServerAuth(c) {
			return fmt.Errorf("%s does not allow server authentication", subjectName(c))
		}
	}
	return nil
}

// verifyServerAuth is x509's serverAuth verdict on the trusted chain, at
// the time and against the pool trust was found with.
func verifyServerAuth(chain []*x509.Certificate, tr trustResult) error {
	_, err := tr.paths.Verify(chainverify.Request{
		Cert: chain[0], Intermediates: chain[1:], Roots: tr.roots, At: tr.at,
		Usages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	})
	return err
}

// rsaKeyExchange reports a TLS 1.0-1.2 suite where the client encrypts
// the secret to the certificate's RSA key (no forward secrecy).
func rsaKeyExchange(suite uint16) bool {
	return strings.HasPrefix(goSuiteName(suite), "TLS_RSA_")
}
