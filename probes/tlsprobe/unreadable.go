package tlsprobe

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"strconv"

	"github.com/certwiz/certwiz/findings"
)

// parseRawChain parses the certificates as sent. Each one that cannot be
// parsed becomes an "unreadable certificate" finding with what a lenient
// walk could still read; the readable ones are returned in order.
func parseRawChain(raw [][]byte) ([]*x509.Certificate, []findings.Finding) {
	var (
		chain []*x509.Certificate
		out   []findings.Finding
	)
	for i, der := range raw {
		c, err := x509.ParseCertificate(der)
		if err == nil {
			chain = append(chain, c)
			continue
		}
		out = append(out, unreadableFinding(i, der, err))
	}
	if len(out) > 0 && len(raw) > 0 && len(chain) > 0 && !sameDER(chain[0].Raw, raw[0]) {
		chain = nil // without the leaf, nothing else can be judged
	}
	return chain, out
}

func sameDER(a, b []byte) bool { return string(a) == string(b) }

func unreadableFinding(i int, der []byte, err error) findings.Finding {
	pos := "certificate " + strconv.Itoa(i+1) + " (leaf)"
	if i > 0 {
		pos = "certificate " + strconv.Itoa(i+1)
	}
	f := newFinding(IDUnreadableCert, findings.CodeOther, findings.Critical, i,
		"The server sent a certificate that could not be read ("+pos+", "+strconv.Itoa(len(der))+" bytes).").
		With(LabelPosition, strconv.Itoa(i)).
		With(LabelSize, strconv.Itoa(len(der)))
	subject, issuer := lenientNames(der)
	if subject != "" {
		f = f.With(LabelSubject, subject)
	}
	if issuer != "" {
		f = f.With(LabelIssuer, issuer)
	}
	return f.With(LabelReason, err.Error())
}

// lenientNames walks a certificate's outer structure with encoding/asn1
// only as far as the issuer and subject names, so a certificate Go's
// parser rejects (a bad extension, an unknown key) can still be named.
// It returns "" for what it cannot read.
func lenientNames(der []byte) (subject, issuer string) {
	var cert, tbs asn1.RawValue
	if _, err := asn1.Unmarshal(der, &cert); err != nil || !cert.IsCompound {
		return "", ""
	}
	if _, err := asn1.Unmarshal(cert.Bytes, &tbs); err != nil || !tbs.IsCompound {
		return "", ""
	}
	var fields []asn1.RawValue
	rest := tbs.Bytes
	for len(rest) > 0 && len(fields) < 8 {
		var v asn1.RawValue
		var err error
		if rest, err = asn1.Unmarshal(rest, &v); err != nil {
			break
		}
		fields = append(fields, v)
	}
	// version [0] is optional; then serial, signature, issuer, validity, subject.
	if len(fields) > 0 && fields[0].Class == asn1.ClassContextSpecific && fields[0].Tag == 0 {
		fields = fields[1:]
	}
	if len(fields) > 2 {
		issuer, _ = readName(fields[2].FullBytes)
	}
	if len(fields) > 4 {
		subject, _ = readName(fields[4].FullBytes)
	}
	return subject, issuer
}

func readName(der []byte) (string, error) {
	var rdn pkix.RDNSequence
	rest, err := asn1.Unmarshal(der, &rdn)
	if err != nil {
		return "", err
	}
	if len(rest) > 0 {
		return "", errors.New("trailing data after name")
	}
	var n pkix.Name
	n.FillFromRDNSequence(&rdn)
	if n.CommonName != "" {
		return n.CommonName, nil
	}
	return n.String(), nil
}

// setChain keeps at most maxPresented certificates of what the server
// sent, noting when there were more.
func (r *Result) setChain(chain []*x509.Certificate) {
	r.Sent = len(chain)
	if len(chain) > maxPresented {
		chain = chain[:maxPresented]
	}
	r.Chain = chain
}
