"""Counter-messaging: the library of facts and responses, matching posts to answers, campaigns, training examples."""
