module container-hardening/psa-oracle

go 1.26.0

require (
	k8s.io/api v0.37.2 // indirect
	k8s.io/apimachinery v0.37.2 // indirect
	k8s.io/pod-security-admission v0.37.2 // indirect
)
