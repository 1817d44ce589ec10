"""The chat widget: demo page, widget script and cited articles."""
