package tlsprobe

import (
	"bytes"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"strconv"
	"strings"

	"github.com/certwiz/certwiz/findings"
)

// MinRSABits is the smallest RSA key not reported as weak.
const MinRSABits = 2048

// checkWeakness reports the code-100 certificate faults: SHA-1 or MD5
// signatures (roots excepted: their signature is never checked; with
// anchorLast the last certificate is the trust anchor), RSA keys under
// MinRSABits, and critical extensions nobody understands.
func checkWeakness(chain []*x509.Certificate, anchorLast bool) []findings.Finding {
	var out []findings.Finding
	for i, c := range chain {
		root := (i > 0 && bytes.Equal(c.RawIssuer, c.RawSubject)) || (anchorLast && i == len(chain)-1)
		if isWeakAlg(c.SignatureAlgorithm) && !root {
			out = append(out, newFinding(IDWeakSignature, findings.CodeOther, findings.Critical, i,
				"The certificate "+subjectName(c)+" is signed with "+c.SignatureAlgorithm.String()+", which is no longer accepted.").
				With(LabelSubject, subjectName(c)).
				With(LabelSignatureAlg, c.SignatureAlgorithm.String()))
		}
		if pub, ok := c.PublicKey.(*rsa.PublicKey); ok && pub.N.BitLen() < MinRSABits {
			bits := strconv.Itoa(pub.N.BitLen())
			out = append(out, newFinding(IDWeakKey, findings.CodeOther, findings.Critical, i,
				"The certificate "+subjectName(c)+" has a "+bits+"-bit RSA key, too short to be accepted.").
				With(LabelSubject, subjectName(c)).
				With(LabelKeyType, "RSA").
				With(LabelKeyBits, bits))
		}
		if len(c.UnhandledCriticalExtensions) > 0 {
			var oids []string
			for _, o := range c.UnhandledCriticalExtensions {
				oids = append(oids, o.String())
			}
			out = append(out, newFinding(IDCriticalExtension, findings.CodeOther, findings.Critical, i,
				"The certificate "+subjectName(c)+" has a critical extension clients do not understand, so they must reject it.").
				With(LabelSubject, subjectName(c)).
				With(LabelOID, strings.Join(oids, ", ")))
		}
	}
	return out
}

// checkVersion reports a negotiated protocol older than TLS 1.2.
func checkVersion(v uint16) []findings.Finding {
	if v == 0 || v >= tls.VersionTLS12 {
		return nil
	}
	return []findings.Finding{newFinding(IDOldVersion, findings.CodeOther, findings.Critical, -1,
		"The server only offered "+VersionName(v)+"; current clients require TLS 1.2 or newer.").
		With(LabelVersion, VersionName(v))}
}
