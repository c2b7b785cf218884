"""Analysis of what was collected: corrected prevalence estimates and their check, spike alerts, explanations."""
