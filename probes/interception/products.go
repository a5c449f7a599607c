package interception

import (
	"regexp"

	"github.com/certwiz/certwiz/findings"
)

// Kinds of interception product, as the plain strings the product table
// uses; their meaning is defined once, in findings.InterceptorKind.
const (
	KindEnterpriseProxy = string(findings.KindEnterpriseProxy)
	KindCloudGateway    = string(findings.KindCloudGateway)
	KindAntivirus       = string(findings.KindAntivirus)
	KindParentalControl = string(findings.KindParentalControl)
	KindFirewall        = string(findings.KindFirewall)
	KindDebuggingProxy  = string(findings.KindDebuggingProxy)
	KindAdware          = string(findings.KindAdware)
)

// nameRule recognises a product by its issuing CA's names. Patterns are
// matched in full (^(?:pat)$); when both are set both must match; org
// matches if any O value matches.
type nameRule struct {
	product, kind string
	cn, org       string
	source        string
	heuristic     bool
	cnRe, orgRe   *regexp.Regexp
}

// Sources of the name rules.
const (
	srcChromium = "chromium ssl_error_assistant v4"
	srcDump     = "issuer name seen in a real certificate dump"
	srcDefault  = "the product's default CA name"
)

// nameRules is the product table. Chromium's entries come from its SSL
// error assistant list; the others from each tool's default CA name.
var nameRules = compile([]nameRule{
	{product: "Avast", kind: KindAntivirus, cn: `avast! Web/Mail Shield Root`, org: `avast! Web/Mail Shield`, source: srcChromium},
	{product: "Bitdefender", kind: KindAntivirus, cn: `Bitdefender Personal CA\.Net-Defender`, org: `Bitdefender`, source: srcChromium},
	{product: "Cisco Umbrella", kind: KindEnterpriseProxy, cn: `Cisco Umbrella Root CA`, org: `Cisco`, source: srcChromium},
	{product: "Cisco Umbrella", kind: KindEnterpriseProxy, cn: `Cisco Umbrella Primary SubCA`, org: `Cisco`, source: srcChromium},
	{product: "ContentKeeper", kind: KindEnterpriseProxy, cn: `ContentKeeper Appliance CA \(\d+\)`, org: `ContentKeeper Technologies`, source: srcChromium},
	{product: "Cyberoam", kind: KindFirewall, org: `Cyberoam Certificate Authority`, source: srcChromium},
	{product: "Forcepoint", kind: KindEnterpriseProxy, cn: `Forcepoint Cloud CA`, org: `Forcepoint LLC`, source: srcChromium},
	{product: "FortiGate", kind: KindFirewall, cn: `FortiGate CA`, org: `Fortinet`, source: srcChromium},
	{product: "Fortinet", kind: KindFirewall, org: `Fortinet( Ltd\.)?`, source: srcChromium},
	{product: "Kaspersky", kind: KindAntivirus, cn: `Kaspersky Anti-Virus Personal Root Certificate`, source: srcChromium},
	{product: "McAfee Web Gateway", kind: KindEnterpriseProxy, cn: `McAfee Web Gateway`, source: srcChromium},
	{product: "NetSpark", kind: KindParentalControl, cn: `www\.netspark\.com`, org: `NetSpark`, source: srcChromium},
	{product: "Smoothwall", kind: KindFirewall, cn: `Smoothwall-default-root-certificate-authority`, source: srcChromium},
	{product: "SonicWall", kind: KindFirewall, org: `HTTPS Management Certificate for SonicWALL`, source: srcChromium},
	{product: "Sophos", kind: KindFirewall, cn: `Sophos SSL CA_[A-Z0-9\-]+`, org: `Sophos`, source: srcChromium},
	{product: "Sophos", kind: KindFirewall, cn: `Sophos_CA_[A-Z0-9]+`, source: srcChromium},
	{product: "Sophos UTM", kind: KindFirewall, cn: `sophosutm Proxy CA`, org: `sophosutm`, source: srcChromium},
	{product: "Sophos Web Appliance", kind: KindEnterpriseProxy, cn: `Sophos Web Appliance`, org: `Sophos Plc`, source: srcChromium},
	{product: "Blue Coat (Symantec)", kind: KindEnterpriseProxy, org: `Blue Coat.*`, source: srcChromium},
	{product: "Trend Micro IWSS", kind: KindEnterpriseProxy, cn: `IWSS\.TREND`, source: srcChromium},
	{product: "Zscaler", kind: KindEnterpriseProxy, org: `Zscaler Inc\.`, source: srcChromium},
	{product: "ESET", kind: KindAntivirus, cn: `ESET SSL Filter CA`, org: `ESET, spol\. s r\. o\.`, source: srcDump},

	// mitmproxy's certs.py creates its CA with CN and O both "mitmproxy".
	{product: "mitmproxy", kind: KindDebuggingProxy, cn: `mitmproxy`, org: `mitmproxy`, source: srcDefault},
	// Burp Suite's CA: C, ST, L, O = PortSwigger, OU and CN = PortSwigger CA.
	{product: "Burp Suite", kind: KindDebuggingProxy, cn: `PortSwigger CA`, org: `PortSwigger`, source: srcDefault},
	// Fiddler's root is named DO_NOT_TRUST_FiddlerRoot.
	{product: "Fiddler", kind: KindDebuggingProxy, cn: `DO_NOT_TRUST_FiddlerRoot`, source: srcDefault},
	// Charles names its per-install CA "Charles Proxy CA (<date>, <host>)".
	{product: "Charles Proxy", kind: KindDebuggingProxy, cn: `Charles Proxy CA \(.*\)`, source: srcDefault},

	// Squid has no default CA: it re-signs with whatever CA the
	// administrator configured. Admins often put "squid" in that name; a
	// match on it is a guess and is labelled so.
	{product: "Squid (guessed from the CA name)", kind: KindEnterpriseProxy, cn: `.*(?i:squid).*`, source: "heuristic: the issuing CA's name mentions squid", heuristic: true},
	{product: "Squid (guessed from the CA name)", kind: KindEnterpriseProxy, org: `.*(?i:squid).*`, source: "heuristic: the issuing CA's organization mentions squid", heuristic: true},
})

// hashRule recognises a product by the SHA-256 of a certificate it
// presents (lower-case hex).
type hashRule struct{ product, kind, sha256, source string }

// hashRules: Chromium's list matches Superfish by its intermediate's hash.
var hashRules = []hashRule{
	{product: "Superfish", kind: KindAdware, sha256: "b6fe9151402bad1c06d7e66db67a26aa7356f2e6c644dbcf9f98968ff632e1b7", source: srcChromium},
}

func compile(rules []nameRule) []nameRule {
	for i := range rules {
		r := &rules[i]
		if r.cn != "" {
			r.cnRe = regexp.MustCompile(`^(?:` + r.cn + `)$`)
		}
		if r.org != "" {
			r.orgRe = regexp.MustCompile(`^(?:` + r.org + `)$`)
		}
		if r.cnRe == nil && r.orgRe == nil {
			panic("interception: rule for " + r.product + " matches nothing")
		}
	}
	return rules
}

// matches reports whether an issuer with these names is r's product.
func (r *nameRule) matches(cn string, orgs []string) bool {
	if r.cnRe != nil && !r.cnRe.MatchString(cn) {
		return false
	}
	if r.orgRe == nil {
		return true
	}
	for _, o := range orgs {
		if r.orgRe.MatchString(o) {
			return true
		}
	}
	return false
}

// describe is the rule as one line, for Match.Rule.
func (r *nameRule) describe() string {
	s := r.source + ":"
	if r.cn != "" {
		s += " issuer CN ^(?:" + r.cn + ")$"
	}
	if r.org != "" {
		if r.cn != "" {
			s += " and"
		}
		s += " issuer O ^(?:" + r.org + ")$"
	}
	return s
}
