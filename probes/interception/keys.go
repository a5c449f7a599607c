package interception

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"strconv"

	"github.com/certwiz/certwiz/findings"
)

// keyRule recognises a product by a public key it is known to use: a
// presented certificate carrying that key (SPKI SHA-256), or one issued
// by it (its Authority Key Identifier equals the key's identifier). This
// names the product even when the server sends neither its root nor its
// intermediate.
type keyRule struct {
	product, kind string
	// spkiSHA256 is the SHA-256 of the DER SubjectPublicKeyInfo, lower-case hex.
	spkiSHA256 string
	// keyID is the CA's Subject Key Identifier, lower-case hex: what the
	// Authority Key Identifier of everything it issues holds. For CAs
	// without one it is the RFC 5280 method-1 identifier (SHA-1 of the
	// subjectPublicKey bits), which OpenSSL computes for the issued
	// certificates' AKI.
	keyID    string
	source   string
	knownBad bool
}

// keyRules: keys published with their private keys, so anyone can mint
// certificates under them. Hashes computed from the certificates named in
// each source.
var keyRules = []keyRule{
	// Superfish's root (badssl.com certs/foreign/superfish.crt).
	{product: "Superfish", kind: KindAdware, spkiSHA256: "4bb8f35ba1e126f8dde1b0c420625ed86dce61a7bddadbdea9aba578ff13145e",
		keyID: "fb98b3537f14442ee8eed5099a5e0e5686a83588", source: srcBadSSL, knownBad: true},
	// eDellRoot (badssl.com certs/src/crt/ca-edellroot.crt).
	{product: "eDellRoot", kind: KindAdware, spkiSHA256: "cdee9f3305572a677e1a6c82dc1e02a35b11cae6a684338c9f37fe1ac8daec23",
		keyID: "b37b0622c66a1927d81ee2671cb4db4f8a365899", source: srcBadSSL, knownBad: true},
	// DSDTestProvider (badssl.com certs/foreign/DSDTestProvider.crt).
	{product: "DSDTestProvider", kind: KindAdware, spkiSHA256: "130ad4e0633521290531b6651f5759b0bc7bc656709ff8f365c2143b0389b6f6",
		keyID: "09935cc40b42d03ee03c28c2e653eab98069feef", source: srcBadSSL, knownBad: true},
	// preact-cli's bundled certificate (preactjs/preact-cli
	// src/resources/cert.pem, O "Acme Co": only its key identifies it).
	{product: "preact-cli", kind: KindDebuggingProxy, spkiSHA256: "680971cb44b0fd56592102a256e85c58e87109ad8044c2b90d8f3c6e9eeab897",
		keyID: "2c0fe2e58fa8e51ab17fd88c9666153dc7bf9681", source: "preact-cli's bundled development certificate", knownBad: true},
	// webpack-dev-server's bundled certificate, CN "Webpack"
	// (webpack/webpack-dev-server ssl/server.pem).
	{product: "webpack-dev-server", kind: KindDebuggingProxy, spkiSHA256: "3617a8ec380a5cf08b08e94b309f2d19ecffc6c7cbef3ec220220d09d78ee8ff",
		keyID: "021379d76f9069713c58a3335d2ab88b01baee8e", source: "webpack-dev-server's bundled development certificate", knownBad: true},
	// webpack-dev-server's earlier bundled CA, CN "localhost" (badssl.com
	// certs/src/crt/ca-webpack-dev-server.crt).
	{product: "webpack-dev-server", kind: KindDebuggingProxy, spkiSHA256: "2bd1e667ec9ebbe02b9a7da264210c99b3eac1cc9141a0e30e3f623eaccec4e1",
		keyID: "a91a2d802640c6bfd660cb24194e9fe875d7a59b", source: srcBadSSL, knownBad: true},
}

// matchKeys looks for a known key in chain: first a certificate that
// carries one, then a certificate issued by one.
func matchKeys(chain []*x509.Certificate, rules []keyRule) *Match {
	for i, c := range chain {
		if c == nil {
			continue
		}
		sum := sha256.Sum256(c.RawSubjectPublicKeyInfo)
		h := hex.EncodeToString(sum[:])
		for ri := range rules {
			if r := &rules[ri]; r.spkiSHA256 == h {
				return keyMatch(r, c, i, "certificate public key SHA-256 "+h, "spki_sha256", h)
			}
		}
	}
	for i, c := range chain {
		if c == nil || len(c.AuthorityKeyId) == 0 {
			continue
		}
		aki := hex.EncodeToString(c.AuthorityKeyId)
		for ri := range rules {
			if r := &rules[ri]; r.keyID == aki {
				return keyMatch(r, c, i, "issuer key identifier "+aki, "authority_key_id", aki)
			}
		}
	}
	return nil
}

func keyMatch(r *keyRule, c *x509.Certificate, i int, what, label, value string) *Match {
	rule := r.source + ": " + what
	return &Match{
		Product: r.product, Kind: r.kind, CertIndex: i, Rule: rule, KnownBad: r.knownBad,
		Evidence: []findings.Evidence{
			{Label: "product", Value: r.product},
			{Label: "product_key", Value: ProductKey(r.product)},
			{Label: "kind", Value: r.kind},
			{Label: "subject", Value: c.Subject.String()},
			{Label: "issuer", Value: c.Issuer.String()},
			{Label: label, Value: value},
			{Label: "cert_index", Value: strconv.Itoa(i)},
			{Label: "rule", Value: rule},
		},
	}
}
