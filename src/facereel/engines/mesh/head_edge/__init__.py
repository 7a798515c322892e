"""The moved head layer's edges over the plate: soft edges unmixed, the face outline and far band drawn as skin, the hair's cut ends faded or carried on."""
