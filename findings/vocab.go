package findings

// InterceptorKind says who usually runs a TLS-interception product, which
// decides whose fix it is: the organisation's IT (office remedy) or the
// person's own software (home remedy).
type InterceptorKind string

// Interceptor kinds.
const (
	// KindEnterpriseProxy is an on-premises web proxy or SSL-inspection box.
	KindEnterpriseProxy InterceptorKind = "enterprise-proxy"
	// KindCloudGateway is a cloud security gateway (Zscaler, Netskope).
	KindCloudGateway InterceptorKind = "cloud-gateway"
	// KindFirewall is a firewall with TLS inspection (FortiGate, Sophos).
	KindFirewall InterceptorKind = "firewall"
	// KindAntivirus is a security program's web shield on this machine.
	KindAntivirus InterceptorKind = "antivirus"
	// KindParentalControl is a home filter (a box or a program).
	KindParentalControl InterceptorKind = "parental-control"
	// KindDebuggingProxy is a developer's proxy (mitmproxy, Fiddler).
	KindDebuggingProxy InterceptorKind = "debugging-proxy"
	// KindAdware is unwanted software that installs its own root
	// (Superfish, eDellRoot).
	KindAdware InterceptorKind = "adware"
)

// Managed reports whether products of kind k are normally run by an
// organisation's IT rather than installed by the person on this machine.
func (k InterceptorKind) Managed() bool {
	return k == KindEnterpriseProxy || k == KindCloudGateway || k == KindFirewall
}

// Personal reports whether products of kind k are the person's own
// software or home equipment.
func (k InterceptorKind) Personal() bool {
	return k == KindAntivirus || k == KindParentalControl || k == KindDebuggingProxy || k == KindAdware
}

// NetworkType is where the device is connected, as the person says or the
// network probe suggests.
type NetworkType string

// Network types. NetUnknown is "not sure" or "no evidence".
const (
	NetHome       NetworkType = "home"
	NetOffice     NetworkType = "office"
	NetVPN        NetworkType = "vpn"
	NetPublicWiFi NetworkType = "public-wifi"
	NetUnknown    NetworkType = "unknown"
)

// NetworkTypes lists the types in the order the wizard offers them.
var NetworkTypes = []NetworkType{NetHome, NetOffice, NetVPN, NetPublicWiFi, NetUnknown}
