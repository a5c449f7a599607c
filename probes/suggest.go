package probes

import (
	"github.com/certwiz/certwiz/probes/clock"
	"github.com/certwiz/certwiz/probes/netctx"
)

// suggestNetwork asks netctx which network type the evidence of the whole
// run points to: its own facts plus the captive-portal and public-NTP
// results of the other probes.
func suggestNetwork(rep *Report) (string, []netctx.Reason) {
	return SuggestNetwork(rep.Network, rep.CaptivePortal(), rep.Clock)
}

// SuggestNetwork is suggestNetwork for callers that hold the parts.
func SuggestNetwork(n *netctx.Result, portal *bool, clk *clock.Result) (string, []netctx.Reason) {
	var publicNTP *bool
	if clk != nil && clk.Source != clock.SourceNone {
		v := clk.Source == clock.SourceNTP
		publicNTP = &v
	}
	if n == nil {
		n = &netctx.Result{}
	}
	return netctx.Suggest(n, portal, publicNTP)
}
