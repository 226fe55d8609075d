package main

import (
	"fmt"
	"strings"

	"crossbench/native-go/web"
)

// startConfig applies cb_start's config (lane-abi/crossbench_lane.h): UTF-8
// lines of key=value. The one key is corpus=<folder>, the corpus the web
// stack's apps read their files from, the one the Java side reads; without
// it the lane starts, and its http ops fail naming the missing key.
func startConfig(config []byte) error {
	for _, line := range strings.Split(string(config), "\n") {
		if line == "" {
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		switch {
		case !ok:
			return fmt.Errorf("go lane config: a line without '=': %q", line)
		case key == "corpus":
			web.SetCorpus(value)
		default:
			return fmt.Errorf("go lane config: unknown key %q (expected corpus=<folder>)", key)
		}
	}
	return nil
}
