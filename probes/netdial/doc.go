// Package netdial owns how certwiz reaches a server: curl-style --resolve
// overrides ("HOST:PORT:ADDR"), the proxy settings of the environment
// (HTTPS_PROXY, HTTP_PROXY, NO_PROXY and their lower-case forms), HTTP
// CONNECT tunnels through http://, https:// and socks5:// proxies, and
// proxy answers such as 407 (the proxy wants a login).
//
// Resolve follows curl: an override applies to the names certwiz itself
// resolves, that is the target when connecting directly and the proxy's
// own host name. Through a proxy the target's name is sent to the proxy
// unchanged, as the meeting app would send it.
//
// Every dial takes a context and honours its deadline; reads of proxy
// answers are size-capped. Nothing here prints.
package netdial
