//go:build tools

// The Chaos Mesh API types, imported so that `go mod tidy` keeps them (and their go.sum lines)
// for controller-gen to read.
package tools

import _ "github.com/chaos-mesh/chaos-mesh/api/v1alpha1"
