package interception

import (
	"testing"

	"github.com/certwiz/certwiz/findings"
)

// Every product in the table has a kind the verdict knows: either run by
// an organisation (office remedy) or the person's own (home remedy), so
// no product falls through to the wrong remedy.
func TestEveryProductKindIsKnownToTheVerdict(t *testing.T) {
	for _, r := range nameRules {
		k := findings.InterceptorKind(r.kind)
		if k.Managed() == k.Personal() {
			t.Errorf("%s: kind %q is neither managed nor personal", r.product, r.kind)
		}
	}
	for _, r := range hashRules {
		k := findings.InterceptorKind(r.kind)
		if k.Managed() == k.Personal() {
			t.Errorf("%s: kind %q is neither managed nor personal", r.product, r.kind)
		}
	}
}
