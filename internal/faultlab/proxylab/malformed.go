package proxylab

// MalformedCredentialURLs are proxy settings that carry a user name
// ("agent") and secret but cannot be parsed as they stand (a trailing
// space, a port out of range, an open bracket, a port with a letter, a
// password with URL syntax in it): what a person mistypes into
// HTTPS_PROXY. Tests feed them to every output and look for the secret.
func MalformedCredentialURLs(secret string) []string {
	return []string{
		"http://agent:" + secret + "@proxy.corp.example:3128 ",
		"http://agent:" + secret + "@proxy.corp.example:99999",
		"http://agent:" + secret + "@[proxy.corp.example:3128",
		"http://agent:" + secret + "@proxy.corp.example:31a8",
		"http://agent:" + secret + ":p@ss/w%zz?#@proxy.corp.example:3128x",
	}
}
