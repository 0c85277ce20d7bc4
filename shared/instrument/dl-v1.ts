import type { Instrument } from './types.ts'

// Questionnaire dl-v1 (English). Dean's (2007) eight hallmarks of distributed leadership plus
// coordination (Leithwood et al. 2006), and Hargreaves and Fink's (2006) continuum as vignettes.
// The wording is ours; the reasoning for every scale and item is in docs/instrument.md.
// Never edit a wording in place: a changed text is a new instrument version with new item ids.

export const dlV1: Instrument = {
  id: 'dl-v1',
  language: 'en',
  title: 'How leadership works in our school',
  estimatedMinutes: 10,
  answerLabels: {
    1: 'Strongly disagree',
    2: 'Disagree',
    3: 'Neither agree nor disagree',
    4: 'Agree',
    5: 'Strongly agree',
  },
  dontKnowLabel: "Don't know",
  scales: [
    {
      id: 'shared_responsibility',
      name: 'Shared responsibility',
      sectionTitle: 'Who takes the lead',
      description:
        'Leading is something many people do across the school, not only those with a leadership title.',
      items: [
        { id: 'sr1', text: 'In this school, people without a leadership title lead pieces of work.' },
        { id: 'sr2', text: 'Staff here feel responsible for the whole school, not only their own part of it.' },
        { id: 'sr3', text: 'When something needs doing here, staff step forward without waiting to be asked.' },
        { id: 'sr4', text: "In this school, improving pupils' learning is seen as everyone's job." },
        { id: 'sr5', text: 'When something goes wrong here, staff share the work of putting it right.' },
      ],
    },
    {
      id: 'shared_power',
      name: 'Shared power and authority',
      sectionTitle: 'Who decides',
      description:
        'Staff have a real say in decisions, and those who lead a piece of work are trusted to decide how it is done.',
      items: [
        { id: 'sp1', text: 'In this school, decisions are made with the people who will carry them out.' },
        { id: 'sp2', text: 'Staff here have a real say in decisions that affect their work.' },
        { id: 'sp3', text: 'People who lead a piece of work here are trusted to make decisions about it.' },
        { id: 'sp4', text: 'Staff here can change how things are done in their own area without first asking permission.' },
        { id: 'sp5', text: 'In this school, staff views can change a decision before it is final.' },
      ],
    },
    {
      id: 'synergy',
      name: 'Synergy',
      sectionTitle: 'Working together',
      description:
        'Staff with different skills work on shared tasks together, and expertise counts for more than job title.',
      items: [
        { id: 'sy1', text: 'Staff here often work with colleagues whose skills are different from their own.' },
        { id: 'sy2', text: "Staff here are willing to share work that overlaps with a colleague's role." },
        { id: 'sy3', text: 'In this school, colleagues plan pieces of work together.' },
        { id: 'sy4', text: 'When a problem comes up here, staff in different roles solve it together.' },
        { id: 'sy5', text: 'Staff here turn to whoever knows most about a problem, whatever their role.' },
      ],
    },
    {
      id: 'leadership_capacity',
      name: 'Leadership capacity',
      sectionTitle: 'Room to grow',
      description:
        'The school uses the strengths of its staff and grows new leaders, so its work does not depend on a few people.',
      items: [
        { id: 'lc1', text: 'Staff here get chances to lead, whatever stage of their career they are at.' },
        { id: 'lc2', text: 'Staff who start leading something new here get support while they learn.' },
        { id: 'lc3', text: 'In this school, experienced colleagues coach others who are learning to lead.' },
        { id: 'lc4', text: 'In this school, people are given work that makes use of their strengths.' },
        { id: 'lc5', text: 'If someone who leads an area left tomorrow, others here could carry on their work.' },
      ],
    },
    {
      id: 'organisational_learning',
      name: 'Organisational learning',
      sectionTitle: 'Learning from each other',
      description:
        'Staff talk about their practice, reflect on it and pass good ideas on, and leaders follow the ways of working they ask of others.',
      items: [
        { id: 'ol1', text: 'Staff here regularly talk with colleagues about how pupils learn best.' },
        { id: 'ol2', text: 'In this school, staff are encouraged to reflect on their own work.' },
        { id: 'ol3', text: 'Good ideas spread from one team to another in this school.' },
        { id: 'ol4', text: 'In this school, leaders follow the same ways of working they ask of others.' },
        { id: 'ol5', text: 'Mistakes here are treated as a chance to learn.' },
      ],
    },
    {
      id: 'equitable_climate',
      name: 'Equitable and ethical climate',
      sectionTitle: 'Fair and open',
      description:
        'People are treated fairly whatever their role, decisions are explained openly, and staff feel safe to raise a concern.',
      items: [
        { id: 'ec1', text: 'In this school, people are treated fairly whatever their role.' },
        { id: 'ec2', text: 'Chances to lead here are offered fairly.' },
        { id: 'ec3', text: 'In this school, the reasons for decisions are explained openly.' },
        { id: 'ec4', text: 'Staff here can raise a concern without worrying about the consequences.' },
        { id: 'ec5', text: "Decisions in this school put pupils' interests first." },
      ],
    },
    {
      id: 'democratic_culture',
      name: 'Democratic and investigative culture',
      sectionTitle: 'Questions and new ideas',
      description:
        'Ideas are debated openly whoever they come from, and changes are tried out and checked against evidence.',
      items: [
        { id: 'dc1', text: 'Staff here can openly disagree with an idea, whoever suggested it.' },
        { id: 'dc2', text: 'In this school, new ideas are welcome wherever they come from.' },
        { id: 'dc3', text: 'Before changing something, staff here look at what the evidence shows.' },
        { id: 'dc4', text: 'In this school, staff are encouraged to try new ways of doing things.' },
        { id: 'dc5', text: 'In this school, it is normal to question how things have always been done.' },
      ],
    },
    {
      id: 'community_engagement',
      name: 'Macro-community engagement',
      sectionTitle: 'Beyond our school',
      description:
        'The school listens to pupils and families, knows its community and works with other schools and the world outside.',
      items: [
        { id: 'ce1', text: 'Staff here work with colleagues from other schools to improve what they do.' },
        { id: 'ce2', text: 'In this school, pupils have a say in decisions that affect them.' },
        { id: 'ce3', text: "Families' views help shape decisions in this school." },
        { id: 'ce4', text: 'Staff here understand the local community our pupils come from.' },
        { id: 'ce5', text: 'Staff here keep up with changes outside school that affect their work.' },
      ],
    },
    {
      id: 'coordination',
      name: 'Coordination',
      sectionTitle: 'How it all fits together',
      description:
        'Roles are clear, information flows, teams share one direction and decisions are made in good time.',
      items: [
        { id: 'co1', text: 'Staff here know who is responsible for what.' },
        { id: 'co2', text: 'In this school, information reaches the people who need it.' },
        { id: 'co3', text: 'Teams here know what other teams are working on.' },
        { id: 'co4', text: 'Different teams here work towards the same school priorities.' },
        { id: 'co5', text: 'Decisions here are made in good time.' },
      ],
    },
  ],
  continuum: {
    nowQuestion: 'Which of these is closest to how leadership works in our school now?',
    aimQuestion: "Which should we aim for in two years' time?",
    patterns: [
      {
        value: 1,
        label: 'Autocracy',
        vignette: 'One person or a very small group decides almost everything. Everyone else carries out those decisions.',
        description:
          "Leadership rests with one person or a very small group who decide and direct. It can give speed and clarity in a crisis or a turnaround, but it leaves the school dependent on a few people, uses little of the staff's expertise and rarely outlasts the leader who built it.",
      },
      {
        value: 2,
        label: 'Traditional delegation',
        vignette: 'The senior team decides what happens and hands out set jobs. People do the jobs they are given, in the way they are asked.',
        description:
          'Leaders hand tasks and formal roles down a clear hierarchy while keeping the decisions themselves. It is orderly and accountable, but what is passed on is often work rather than authority, so initiative and leadership growth stay limited.',
      },
      {
        value: 3,
        label: 'Progressive delegation',
        vignette: 'The senior team sets the direction and gives some people bigger responsibilities, with room to decide how to carry them out.',
        description:
          'Leaders delegate substantial responsibilities to a wider circle and trust them with how the work is done, while still choosing who leads and setting the direction. It develops people and spreads the load; the risk is that responsibility is handed out without matching say, or only to a favoured few.',
      },
      {
        value: 4,
        label: 'Guided distribution',
        vignette: "Many staff lead parts of the school's work. The senior team deliberately chooses who leads what and guides how it goes.",
        description:
          'Leadership is shared widely by design: senior leaders match people to areas by expertise and keep the pieces aligned. It builds capacity with coherence; the risk is that leadership stays planned from the top, so it can feel managed and may not survive a change of senior team.',
      },
      {
        value: 5,
        label: 'Emergent distribution',
        vignette: 'Staff often take the lead on things without being asked, and new work grows out of everyday teamwork. The senior team makes room for this.',
        description:
          'Leadership arises from staff initiative within a strong shared culture, with senior leaders creating the conditions rather than assigning roles. It is resilient and draws on the most expertise; it takes years of trust to grow, and without attention to coordination it can drift or leave some voices out.',
      },
      {
        value: 6,
        label: 'Assertive distribution',
        vignette: 'Staff take the lead on their own initiative, including pushing for changes the senior team did not plan. Direction is often argued out.',
        description:
          'Staff claim leadership for themselves, including challenging and pressing the senior team. It brings energy, innovation and a check on poor decisions; the risk is conflict and fragmentation when disagreement is not channelled into a shared direction.',
      },
      {
        value: 7,
        label: 'Anarchy',
        vignette: 'Everyone leads their own corner in their own way; there is little that pulls it together.',
        description:
          'Leadership is everywhere but coordinated nowhere: distribution without coordination. Individuals and teams have wide freedom, which can protect pockets of innovation, but the school lacks a common direction, works in silos and struggles to decide or act as a whole.',
      },
    ],
  },
  roleQuestion: 'Which best describes your role? (optional)',
  roles: [
    { id: 'senior_leader', label: 'Senior leader' },
    { id: 'middle_leader', label: 'Middle leader' },
    { id: 'teacher', label: 'Teacher' },
    { id: 'support_staff', label: 'Support staff' },
    { id: 'other', label: 'Other' },
  ],
  prompts: [
    { id: 'helps', text: 'What helps leadership be shared here?' },
    { id: 'hinders', text: 'What gets in the way?' },
  ],
}
