"""Which of the photo's pixels move with the head (once per source): the mask's chin, hanging hair, jaw corners and edges, the neck's side behind the jaw, and the face's colour facts they read."""
