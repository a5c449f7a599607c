package cli_test

import (
	"testing"

	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// hostileSAN is a DNS name carrying an SGR sequence.
const hostileSAN = "x\x1b[31m.zoom.test"

// hostileChain is a leaf for zoom.test whose common name carries an OSC
// 52 clipboard write and a right-to-left override, under an untrusted
// issuer whose organisation carries an SGR sequence.
func hostileChain(t *testing.T) *pki.Cert {
	t.Helper()
	org := pki.Org("Evil\x1b[31m Corp\u202e")
	root, err := pki.NewRoot("Hostile Root\u202e", org)
	if err != nil {
		t.Fatal(err)
	}
	ca, err := root.Intermediate("Hostile CA\x1b[2J", org)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := ca.Leaf([]string{tlslab.DefaultHost, hostileSAN},
		pki.CommonName("zoom.test\x1b]52;c;cm0gLXJmIH4=\x07\u202eexe.txt"), org)
	if err != nil {
		t.Fatal(err)
	}
	return leaf
}
