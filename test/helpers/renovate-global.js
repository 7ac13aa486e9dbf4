// Renovate's global configuration for the tests' extraction runs: nothing beyond the command line
// (Renovate reads config.js from its working directory otherwise, and refuses /dev/null).
module.exports = {};
