package content

import (
	"regexp"
	"strings"
)

// reasonPatterns map the network probe's reasons (plain English, built
// by probes/netctx.Suggest) to message keys; each group is a value
// inserted into the localized text under the given name.
var reasonPatterns = []struct {
	re    *regexp.Regexp
	key   string
	names []string
}{
	{regexp.MustCompile(`^a captive portal intercepted the connectivity check$`), "net.reason.portal", nil},
	{regexp.MustCompile(`^the connection is wireless$`), "net.reason.wireless", nil},
	{regexp.MustCompile(`^all traffic goes through the VPN tunnel (.*)$`), "net.reason.vpn-full", []string{"interface"}},
	{regexp.MustCompile(`^the configured time server \((.*)\) does not answer here while public time servers do`), "net.reason.ntp-away", []string{"servers"}},
	{regexp.MustCompile(`^a VPN tunnel \((.*)\) is up but does not carry all traffic$`), "net.reason.vpn-split-up", []string{"interface"}},
	{regexp.MustCompile(`^a VPN tunnel \((.*)\) is up$`), "net.reason.vpn-up", []string{"interface"}},
	{regexp.MustCompile(`^only some traffic goes through it \(split tunnel\)$`), "net.reason.split", nil},
	{regexp.MustCompile(`^a proxy is configured \((.*)\), as managed office networks do$`), "net.reason.proxy", []string{"proxy"}},
	{regexp.MustCompile(`^the configured time server answers$`), "net.reason.ntp-answers", nil},
	{regexp.MustCompile(`^public names resolve to (.*) addresses \((.*)\), as filtering networks and portals do$`), "net.reason.dns", []string{"kind", "host"}},
	{regexp.MustCompile(`^the network context was not checked$`), "net.reason.not-checked", nil},
	{regexp.MustCompile(`^no VPN, proxy, captive portal or DNS rewriting was seen`), "net.reason.nothing", nil},
}

// NetworkReason renders one of the network probe's reasons for its
// suggested network type in lang. The probe writes them in English; this
// maps each known shape to a message with the same values inserted
// (raw: sanitize the result before display). An unknown reason gives a
// generic line that points to the report, never English in Japanese.
func NetworkReason(lang Lang, raw string) string {
	for _, p := range reasonPatterns {
		m := p.re.FindStringSubmatch(raw)
		if m == nil {
			continue
		}
		args := map[string]string{}
		for i, name := range p.names {
			args[name] = m[i+1]
		}
		if k, ok := args["kind"]; ok {
			args["kind"] = addressKinds(lang, k)
		}
		return Msg(lang, p.key, args)
	}
	if lang == EN {
		return raw
	}
	return Msg(lang, "net.reason.other", nil)
}

// addressKinds localizes "private, link-local" (the DNS probe's address
// classes, comma-joined).
func addressKinds(lang Lang, list string) string {
	sep := ", "
	if lang == JA {
		sep = "、"
	}
	var out []string
	for _, k := range strings.Split(list, ", ") {
		key := "net.kind." + kindKey(k)
		if HasMsg(lang, key) {
			out = append(out, Msg(lang, key, nil))
		} else {
			out = append(out, k)
		}
	}
	return strings.Join(out, sep)
}

// kindKey turns "shared (CGNAT)" into "shared-cgnat".
func kindKey(k string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(k) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// guessedSuffix marks a product the interception probe guessed from the
// issuing CA's name (probes/interception writes it in English).
const guessedSuffix = " (guessed from the CA name)"

// ProductName names an interception product for people in lang: a
// product guessed from the CA's name says so in lang; "" is "a security
// product". The result is raw: sanitize it before display.
func ProductName(lang Lang, raw string) string {
	if raw == "" {
		return Msg(lang, "ui.product.unknown", nil)
	}
	if p, ok := strings.CutSuffix(raw, guessedSuffix); ok {
		return Msg(lang, "ui.product.guessed", map[string]string{"product": p})
	}
	return raw
}
