// Crypto: being written.
