"""Practice exams and practice attempts in the bank: their rows, the material an exam is drawn
from, and the study cards behind its items."""
