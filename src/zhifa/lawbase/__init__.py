"""lawbase: laws, articles, matters, legal basis, discretion benchmarks, reference cases."""
